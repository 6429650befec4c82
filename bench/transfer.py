#!/usr/bin/env python3
"""Transfer benchmark: alicli against curl (the floor) and the official Python SDK (oss2), all on
one `alicli serve` local cloud in the same run, plus the small-request path against the Python
STS SDK. Prints every figure and the ratios; `--check` exits 1 when a target is missed.

Run it through bench/transfer.sh, which builds alicli and prepares the SDK venv.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

MIB = 1024 * 1024
PART = 8 * MIB
JOBS = 4


def run(cmd, env=None, stdin=None):
    """Runs a command under GNU time; returns (wall s, cpu s, peak RSS MiB). The RSS is read by
    time(1) rather than wait4 here, because a child's ru_maxrss also counts this Python process's
    memory from before the exec."""
    fd, report = tempfile.mkstemp(prefix="time-")
    os.close(fd)
    try:
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-o", report, "-f", "%U %S %M"] + cmd, env=env, stdin=stdin,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"benchmark command failed: {' '.join(cmd)}\n{proc.stderr.decode(errors='replace')}")
        user, system, rss_kib = open(report).read().split()[-3:]
        return wall, float(user) + float(system), int(rss_kib) / 1024
    finally:
        os.remove(report)


def best(n, fn):
    """Best wall time of n runs (and the cpu/rss of that run): the least disturbed measurement."""
    results = [fn() for _ in range(n)]
    return min(results, key=lambda r: r[0])


def make_file(path, size):
    chunk = os.urandom(4 * MIB)
    with open(path, "wb") as f:
        left = size
        while left:
            n = min(left, len(chunk))
            f.write(chunk[:n])
            left -= n


OSS2_PUT = """
import sys, oss2
ep, ak, sk, key, path, part, jobs = sys.argv[1:8]
bucket = oss2.Bucket(oss2.Auth(ak, sk), ep, "sample-bucket")
oss2.resumable_upload(bucket, key, path, multipart_threshold=int(part), part_size=int(part), num_threads=int(jobs),
                      store=oss2.ResumableStore(root=sys.argv[8]))
"""

OSS2_GET = """
import sys, oss2
ep, ak, sk, key, path, part, jobs = sys.argv[1:8]
bucket = oss2.Bucket(oss2.Auth(ak, sk), ep, "sample-bucket")
oss2.resumable_download(bucket, key, path, multiget_threshold=int(part), part_size=int(part), num_threads=int(jobs),
                        store=oss2.ResumableDownloadStore(root=sys.argv[8]))
"""

SDK_SMALL = """
import sys, json, oss2
from aliyunsdkcore.client import AcsClient
from aliyunsdksts.request.v20150401.AssumeRoleRequest import AssumeRoleRequest
ep, host, ak, sk, role = sys.argv[1:6]
client = AcsClient(ak, sk, "cn-hangzhou")
req = AssumeRoleRequest()
req.set_endpoint(host)
req.set_protocol_type("http")
req.set_RoleArn(role)
req.set_RoleSessionName("bench")
creds = json.loads(client.do_action_with_exception(req))["Credentials"]
auth = oss2.StsAuth(creds["AccessKeyId"], creds["AccessKeySecret"], creds["SecurityToken"])
data = oss2.Bucket(auth, ep, "sample-bucket").get_object("bench/small.bin").read()
assert len(data) == 1024
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--alicli", required=True)
    ap.add_argument("--python", required=True, help="interpreter with oss2 and the STS SDK")
    ap.add_argument("--size-mib", type=int, default=1024)
    ap.add_argument("--large-mib", type=int, default=4096, help="second size for the flat-memory check (0: skip)")
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="alicli-bench-", dir=os.environ.get("BENCH_DIR"))
    server = subprocess.Popen([args.alicli, "serve", "--listen", "127.0.0.1:0", "--data-dir", os.path.join(work, "cloud")],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        info = json.loads(server.stdout.readline())
        ep, ak, sk = info["endpoint"], info["access_key_id"], info["access_key_secret"]
        env = dict(os.environ, OSS_ACCESS_KEY_ID=ak, OSS_ACCESS_KEY_SECRET=sk, ALIBABA_CLOUD_REGION_ID="cn-hangzhou",
                   ALICLI_CONFIG_FILE=os.path.join(work, "config.toml"), ALICLI_CACHE_DIR=os.path.join(work, "cache"))
        for k in ("ALICLI_PROFILE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
            env.pop(k, None)
        a = [args.alicli]
        size = args.size_mib * MIB
        src = os.path.join(work, "src.bin")
        make_file(src, size)
        dst = os.path.join(work, "dst.bin")
        results = {}

        def sign(key, method):
            out = subprocess.run(a + ["oss", "sign", f"oss://sample-bucket/{key}", "--method", method, "--endpoint", ep],
                                 env=env, capture_output=True, text=True, check=True)
            return out.stdout.strip()

        def clean():
            if os.path.exists(dst):
                os.remove(dst)

        # Single stream: curl with a presigned URL is the floor.
        results["curl put"] = best(args.runs, lambda: run(["curl", "-sf", "-T", src, "-H", "Content-Type:", sign("bench/curl.bin", "PUT")]))
        results["alicli put (1 stream)"] = best(args.runs, lambda: run(a + ["oss", "put", src, "oss://sample-bucket/bench/one.bin", "--endpoint", ep,
                                                                        "--multipart-threshold", "1T", "-q"], env))
        results["curl get"] = best(args.runs, lambda: (clean(), run(["curl", "-sf", "-o", dst, sign("bench/one.bin", "GET")]))[1])
        results["alicli get (1 stream)"] = best(args.runs, lambda: (clean(), run(a + ["oss", "get", "oss://sample-bucket/bench/one.bin", dst, "--endpoint", ep,
                                                                                    "--multipart-threshold", "1T", "-q"], env))[1])
        # Parallel: alicli's defaults against oss2's resumable transfers with the same parts and threads.
        results["alicli put (parallel)"] = best(args.runs, lambda: run(a + ["oss", "put", src, "oss://sample-bucket/bench/par.bin", "--endpoint", ep,
                                                                        "--part-size", str(PART), "--jobs", str(JOBS), "-q"], env))
        results["alicli get (parallel)"] = best(args.runs, lambda: (clean(), run(a + ["oss", "get", "oss://sample-bucket/bench/par.bin", dst, "--endpoint", ep,
                                                                                    "--part-size", str(PART), "--jobs", str(JOBS), "-q"], env))[1])
        store = os.path.join(work, "oss2-store")
        results["oss2 put (parallel)"] = best(args.runs, lambda: run([args.python, "-c", OSS2_PUT, ep, ak, sk, "bench/oss2.bin", src, str(PART), str(JOBS), store]))
        results["oss2 get (parallel)"] = best(args.runs, lambda: (clean(), run([args.python, "-c", OSS2_GET, ep, ak, sk, "bench/par.bin", dst, str(PART), str(JOBS), store]))[1])
        os.remove(src)
        clean()

        # Flat memory: the same transfers on a larger object.
        large = None
        if args.large_mib:
            big = os.path.join(work, "big.bin")
            make_file(big, args.large_mib * MIB)
            large = {
                "put": run(a + ["oss", "put", big, "oss://sample-bucket/bench/big.bin", "--endpoint", ep, "-q"], env),
                "get": run(a + ["oss", "get", "oss://sample-bucket/bench/big.bin", dst, "--endpoint", ep, "-q"], env),
            }
            os.remove(big)
            clean()

        # The small-request path the seed flow lives on. The transfers above leave gigabytes of
        # dirty pages; flushed in the background they would slow every process start measured
        # here, so flush them first.
        os.sync()
        time.sleep(2)
        small = os.path.join(work, "small.bin")
        with open(small, "wb") as f:
            f.write(os.urandom(1024))
        run(a + ["oss", "put", small, "oss://sample-bucket/bench/small.bin", "--endpoint", ep, "-q"], env)
        version = statistics.median(run(a + ["--version"])[0] for _ in range(20))
        sts_env = dict(env, ALIBABA_CLOUD_ACCESS_KEY_ID=ak, ALIBABA_CLOUD_ACCESS_KEY_SECRET=sk)

        def alicli_small():
            start = time.perf_counter()
            out = subprocess.run(a + ["sts", "assume-role", "--role-arn", info["role_arn"], "--role-session-name", "bench",
                                      "--endpoint", ep, "--output", "env"], env=sts_env, capture_output=True, text=True, check=True)
            creds = dict(line[len("export "):].split("=", 1) for line in out.stdout.splitlines())
            e2 = dict(env, **{k: v.strip("'") for k, v in creds.items() if k.startswith("OSS_")})
            subprocess.run(a + ["oss", "get", "oss://sample-bucket/bench/small.bin", "-", "--endpoint", ep], env=e2,
                           stdout=subprocess.DEVNULL, check=True)
            return time.perf_counter() - start

        host = ep.split("://", 1)[1]
        alicli_flow = statistics.median(alicli_small() for _ in range(10))
        sdk_flow = statistics.median(run([args.python, "-c", SDK_SMALL, ep, host, ak, sk, info["role_arn"]])[0] for _ in range(5))
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)

    print(f"machine: {os.cpu_count()} cores, {os.uname().sysname} {os.uname().release}; object {args.size_mib} MiB; "
          f"parts {PART // MIB} MiB x {JOBS} jobs; best of {args.runs}")
    print(f"{'transfer':26} {'wall s':>8} {'MiB/s':>8} {'cpu s':>7} {'peak RSS MiB':>13}")
    for name, (wall, cpu, rss) in results.items():
        print(f"{name:26} {wall:8.2f} {args.size_mib / wall:8.0f} {cpu:7.2f} {rss:13.1f}")
    checks = []

    def ratio(label, value, target, better_when_lower=True):
        ok = value <= target if better_when_lower else value >= target
        checks.append(ok)
        print(f"{label:52} {value:6.2f}  (target {'<=' if better_when_lower else '>='} {target})  {'ok' if ok else 'MISSED'}")

    print()
    ratio("alicli/curl wall, put, single stream", results["alicli put (1 stream)"][0] / results["curl put"][0], 1.15)
    ratio("alicli/curl wall, get, single stream", results["alicli get (1 stream)"][0] / results["curl get"][0], 1.15)
    ratio("oss2/alicli wall, put, parallel (speed-up)", results["oss2 put (parallel)"][0] / results["alicli put (parallel)"][0], 2.0, False)
    ratio("oss2/alicli wall, get, parallel (speed-up)", results["oss2 get (parallel)"][0] / results["alicli get (parallel)"][0], 2.0, False)
    peak = max(r[2] for k, r in results.items() if k.startswith("alicli"))
    ratio("alicli peak RSS MiB, 1 GiB transfers", peak, 64)
    if large:
        for kind in ("put", "get"):
            base = results[f"alicli {kind} (parallel)"][2]
            big_rss = large[kind][2]
            print(f"alicli {kind} peak RSS: {base:.1f} MiB for {args.size_mib} MiB, {big_rss:.1f} MiB for {args.large_mib} MiB "
                  f"({large[kind][0]:.1f} s)")
            ratio(f"  RSS {args.large_mib} MiB / {args.size_mib} MiB, {kind}", big_rss / base, 1.10)
    print()
    print(f"alicli --version: {version * 1000:.1f} ms (median of 20)")
    print(f"assume-role + get 1 KiB: alicli {alicli_flow * 1000:.0f} ms, Python SDKs {sdk_flow * 1000:.0f} ms (medians)")
    ratio("SDK/alicli wall, assume-role + get (speed-up)", sdk_flow / alicli_flow, 30.0, False)
    if args.check and not all(checks):
        sys.exit(1)


if __name__ == "__main__":
    main()
