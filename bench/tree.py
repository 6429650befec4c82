#!/usr/bin/env python3
"""Tree benchmark: alicli's many-object commands (`oss cp -r`, `oss sync`, `oss rm -r`) against
the official Python SDK (oss2, 16 threads sharing one Bucket) and curl --parallel on presigned
URLs (the floor of what the server allows), all on one `alicli serve` local cloud in the same run.

Run it through bench/tree.sh, which builds alicli and prepares the SDK venv. Every run is checked
(object counts and sizes on the server, file counts and sizes on disk, bytes of a sample, no PUT
in a no-op sync): a failed check exits 1; a missed speed or memory target only prints MISSED.

The harness itself imports nothing but the standard library and keeps little in memory: a
child's ru_maxrss (from wait4) also counts the pages of the parent it was forked from, so the
harness's own peak RSS is a floor under every RSS figure; it is printed with them. oss2 runs in
child processes (`tree.py peer ...`, started with the venv's interpreter).
"""
import argparse
import filecmp
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import socket
import time

KIB = 1024
MIB = 1024 * KIB
# One bucket per tool (and one for --rss): the local cloud reads every object's metadata of a
# bucket to answer each ListObjects page, so another tool's objects would slow this one's listings.
BUCKETS = ("bench-alicli", "bench-oss2", "bench-curl", "bench-rss")


def bucket_of(tool):
    return "bench-" + tool
# Operations that write an object: a no-op sync must send none of them.
WRITES = ("oss:PutObject", "oss:InitiateMultipartUpload", "oss:UploadPart", "oss:CompleteMultipartUpload",
          "oss:CopyObject", "oss:UploadPartCopy", "oss:DeleteObject", "oss:DeleteMultipleObjects")


# --------------------------------------------------------------------------- peers (oss2 side)
#
# `tree.py peer ACTION JSON` runs in a child process with the venv's Python: the oss2 peer's
# transfers (timed by the harness, process start and `import oss2` included, as alicli's are),
# and the untimed helpers (presigning curl's URLs, checking what a prefix holds).


def local_files(root):
    """Relative paths (with /) of every file under root, sorted."""
    out = []
    for d, _dirs, files in os.walk(root):
        for name in files:
            out.append(os.path.relpath(os.path.join(d, name), root).replace(os.sep, "/"))
    out.sort()
    return out


def peer_main(action, cfg):
    if action == "make":
        # The trees are written by a child too, so the harness never holds their blocks.
        {"small": make_small_tree, "large": make_large_tree, "empty": make_empty_tree}[cfg["kind"]](
            cfg["root"], cfg["n"], cfg.get("size", 0))
        return
    import concurrent.futures
    import oss2

    session = oss2.Session(pool_size=cfg.get("threads", 16))
    bucket = oss2.Bucket(oss2.Auth(cfg["ak"], cfg["sk"]), cfg["endpoint"], cfg["bucket"], session=session)
    prefix = cfg.get("prefix", "")

    def listing():
        return [(o.key, o.size, o.last_modified)
                for o in oss2.ObjectIteratorV2(bucket, prefix=prefix, max_keys=1000)]

    def pool_run(fn, items):
        with concurrent.futures.ThreadPoolExecutor(cfg["threads"]) as ex:
            for f in [ex.submit(fn, *item) for item in items]:
                f.result()

    root = cfg.get("root")
    if action == "put":
        pool_run(lambda rel: bucket.put_object_from_file(prefix + rel, os.path.join(root, rel)),
                 [(rel,) for rel in local_files(root)])
    elif action == "get":
        def get(key):
            path = os.path.join(root, key[len(prefix):])
            os.makedirs(os.path.dirname(path), exist_ok=True)
            bucket.get_object_to_file(key, path)
        pool_run(get, [(key,) for key, _, _ in listing()])
    elif action == "sync":
        # The SDK has no sync: list, walk, upload what is missing, of another size or newer here.
        remote = {key: (size, mtime) for key, size, mtime in listing()}
        todo = []
        for rel in local_files(root):
            st = os.stat(os.path.join(root, rel))
            have = remote.get(prefix + rel)
            if have is None or have[0] != st.st_size or st.st_mtime > have[1]:
                todo.append((rel,))
        pool_run(lambda rel: bucket.put_object_from_file(prefix + rel, os.path.join(root, rel)), todo)
        print(json.dumps({"uploaded": len(todo)}))
    elif action == "rm":
        keys = [key for key, _, _ in listing()]
        pool_run(lambda batch: bucket.batch_delete_objects(batch),
                 [(keys[i:i + 1000],) for i in range(0, len(keys), 1000)])
    elif action == "sign":
        # curl's config file: one transfer per file, URLs presigned here (not timed).
        with open(cfg["config"], "w") as out:
            for rel in local_files(root):
                key = prefix + rel
                url = bucket.sign_url(cfg["method"], key, 3600, slash_safe=True)
                out.write('url = "%s"\n' % url)
                if cfg["method"] == "PUT":
                    out.write('upload-file = "%s"\n' % os.path.join(root, rel))
                elif cfg["method"] == "GET":
                    out.write('output = "%s"\n' % os.path.join(cfg["dest"], rel))
    elif action == "verify":
        # What the prefix holds against a local tree: keys, sizes, and the bytes of a sample.
        expected = local_files(root) if root else []
        listed = listing()
        got = {key[len(prefix):]: size for key, size, _ in listed}
        missing = [rel for rel in expected if rel not in got]
        extra = sorted(set(got) - set(expected))
        wrong_size = [rel for rel in expected if rel in got and got[rel] != os.path.getsize(os.path.join(root, rel))]
        sample = random.Random(7).sample(expected, min(cfg.get("sample", 0), len(expected)))
        if expected:
            sample += [expected[0], expected[-1]]
        bad_bytes = []
        for rel in sample:
            if rel in got:
                with open(os.path.join(root, rel), "rb") as f:
                    if bucket.get_object(prefix + rel).read() != f.read():
                        bad_bytes.append(rel)
        print(json.dumps({"count": len(listed), "missing": missing[:5], "n_missing": len(missing),
                          "extra": extra[:5], "n_extra": len(extra), "wrong_size": wrong_size[:5],
                          "bad_bytes": bad_bytes, "sampled": len(sample)}))
    else:
        sys.exit("unknown peer action %r" % action)


# --------------------------------------------------------------------------- harness


class Bench:
    def __init__(self, args, work):
        self.args = args
        self.work = work
        self.failures = []
        self.rows = []          # (workload, {tool: (wall, rss)}, note)
        self.notes = []
        self.floor = 0.0        # the harness's peak RSS when it last started a measured child

    # ---- processes

    def run(self, cmd, env=None, stdout=None, check=True, what=None):
        """Runs cmd; returns (wall s, peak RSS MiB from wait4, exit code, the end of stderr, whether
        that RSS is only the harness's own floor)."""
        os.sync()  # the previous step's dirty pages are not this one's cost
        floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / KIB
        self.floor = max(self.floor, floor)
        out = open(stdout, "wb") if stdout else subprocess.DEVNULL
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            if stdout:
                out.close()
            # Only the end: a failed tree command lists every object, and the harness stays small.
            err.seek(max(0, err.seek(0, 2) - 4000))
            text = err.read().decode(errors="replace")
        if check and proc.returncode != 0:
            self.fail("%s: exit %d: %s\n    %s" % (what or cmd[0], proc.returncode, " ".join(cmd[:6]), text[-1500:]))
        rss = usage.ru_maxrss / KIB
        return wall, rss, proc.returncode, text, rss <= floor + 0.5

    def peer(self, action, capture=False, **cfg):
        cfg.update(endpoint=self.ep, ak=self.ak, sk=self.sk, threads=self.args.threads)
        cmd = [self.args.python, os.path.abspath(__file__), "peer", action, json.dumps(cfg)]
        if capture:
            out = subprocess.run(cmd, capture_output=True, text=True)
            if out.returncode != 0:
                self.fail("oss2 %s: %s" % (action, out.stderr[-1500:]))
                return None
            return json.loads(out.stdout.strip().splitlines()[-1])
        return self.run(cmd, what="oss2 " + action)

    def make(self, kind, root, n, size=0):
        cfg = dict(kind=kind, root=root, n=n, size=size)
        subprocess.run([self.args.python, os.path.abspath(__file__), "peer", "make", json.dumps(cfg)], check=True)

    def alicli(self, *argv, stdout=None, what=None):
        cmd = [self.args.alicli, "oss", *argv, "--endpoint", self.ep, "-q"]
        return self.run(cmd, env=self.env, stdout=stdout, what=what or "alicli oss " + " ".join(argv[:2]))

    def curl(self, config, extra=()):
        """curl --parallel over a config file; every transfer must answer 2xx."""
        codes = os.path.join(self.work, "curl-codes.txt")
        result = self.run(["curl", "--parallel", "--parallel-max", str(self.args.threads), "-s", "-S",
                                       "--fail", "-H", "Content-Type:", "-w", "%{http_code}\\n", *extra, "-K", config],
                                      stdout=codes, what="curl")
        with open(codes) as f:
            bad = sum(1 for line in f if not line.startswith("2"))
        if bad:
            self.fail("curl: %d transfers did not answer 2xx" % bad)
        return result

    def stats(self):
        # A plain socket: urllib would cost the harness 10 MiB of RSS (ssl, email), a floor under
        # every figure (see the top of this file).
        host, port = self.ep.split("://", 1)[1].rsplit(":", 1)
        with socket.create_connection((host, int(port)), timeout=30) as sock:
            sock.sendall(b"GET /-/stats HTTP/1.0\r\nHost: %s\r\n\r\n" % self.ep.split("://", 1)[1].encode())
            answer = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                answer += chunk
        head, _, body = answer.partition(b"\r\n\r\n")
        if not head.startswith(b"HTTP/1.") or b" 200 " not in head.split(b"\r\n", 1)[0] + b" ":
            raise RuntimeError("/-/stats answered %r" % head[:100])
        return json.loads(body)

    def fail(self, msg):
        self.failures.append(msg)
        print("CHECK FAILED: " + msg, file=sys.stderr, flush=True)

    # ---- checks

    def verify_remote(self, tool, prefix, root, what, sample=20):
        """The prefix holds exactly root's files, with their sizes; a sample has their bytes."""
        r = self.peer("verify", capture=True, bucket=bucket_of(tool), prefix=prefix, root=root, sample=sample)
        if r is None:
            return
        n = len(local_files(root)) if root else 0
        if r["count"] != n or r["n_missing"] or r["n_extra"] or r["wrong_size"] or r["bad_bytes"]:
            self.fail("%s: oss://%s/%s holds %d objects, expected %d; missing %s, extra %s, wrong size %s, "
                      "bytes differ %s" % (what, bucket_of(tool), prefix, r["count"], n, r["missing"], r["extra"],
                                           r["wrong_size"], r["bad_bytes"]))

    def verify_local(self, src, dst, what, sample=20):
        """dst has exactly src's files, with their sizes; a sample has their bytes."""
        want, got = local_files(src), local_files(dst) if os.path.isdir(dst) else []
        if want != got:
            self.fail("%s: %d files in %s, expected %d; missing %s, extra %s"
                      % (what, len(got), dst, len(want), sorted(set(want) - set(got))[:5],
                         sorted(set(got) - set(want))[:5]))
            return
        wrong = [rel for rel in want if os.path.getsize(os.path.join(src, rel)) != os.path.getsize(os.path.join(dst, rel))]
        picks = random.Random(11).sample(want, min(sample, len(want))) + want[:1] + want[-1:]
        differ = [rel for rel in picks if not filecmp.cmp(os.path.join(src, rel), os.path.join(dst, rel), shallow=False)]
        if wrong or differ:
            self.fail("%s: sizes differ %s, bytes differ %s" % (what, wrong[:5], differ[:5]))

    # ---- the workloads

    def record(self, workload, results, note=""):
        self.rows.append((workload, results, note))
        line = "  ".join("%s %.2fs" % (tool, r[0]) for tool, r in results.items())
        print("%-24s %s %s" % (workload, line, note), flush=True)

    def best(self, fn, prepare=None):
        """Best wall of --runs runs (with that run's RSS); prepare() runs untimed before each."""
        results = []
        for _ in range(self.args.runs):
            if prepare:
                prepare()
            results.append(fn())
        return min(results, key=lambda r: r[0])

    def tree(self, name, src):
        """Upload, download (and for the small tree no-op sync and rm -r) of one tree."""
        a = self.args
        tools = ["alicli", "oss2", "curl"] if a.alicli_tree else ["oss2", "curl"]
        pre = {t: "%s/%s/" % (t, name) for t in tools}
        down = {t: os.path.join(self.work, "down-%s-%s" % (t, name)) for t in tools}
        up, get = {}, {}
        put_cfg = os.path.join(self.work, "curl-put-%s.cfg" % name)
        self.peer("sign", bucket=bucket_of("curl"), prefix=pre["curl"], root=src, method="PUT", config=put_cfg)
        for t in tools:
            if t == "alicli":
                up[t] = self.best(lambda: self.alicli("cp", "-r", src, "oss://%s/%s" % (bucket_of(t), pre[t]), "--no-progress",
                                                      *self.jobs()))
            elif t == "oss2":
                up[t] = self.best(lambda: self.peer("put", bucket=bucket_of(t), prefix=pre[t], root=src))
            else:
                up[t] = self.best(lambda: self.curl(put_cfg))
            self.verify_remote(t, pre[t], src, "%s upload of the %s tree" % (t, name))
        self.record("%s: upload" % name, up)

        get_cfg = os.path.join(self.work, "curl-get-%s.cfg" % name)
        self.peer("sign", bucket=bucket_of("curl"), prefix=pre["curl"], root=src, method="GET", config=get_cfg, dest=down["curl"])
        for t in tools:
            clean = lambda: shutil.rmtree(down[t], ignore_errors=True)
            if t == "alicli":
                get[t] = self.best(lambda: self.alicli("cp", "-r", "oss://%s/%s" % (bucket_of(t), pre[t]), down[t] + "/",
                                                       "--no-progress", *self.jobs()), clean)
            elif t == "oss2":
                get[t] = self.best(lambda: self.peer("get", bucket=bucket_of(t), prefix=pre[t], root=down[t]), clean)
            else:
                get[t] = self.best(lambda: self.curl(get_cfg, ["--create-dirs"]), clean)
            self.verify_local(src, down[t], "%s download of the %s tree" % (t, name))
            shutil.rmtree(down[t], ignore_errors=True)
        self.record("%s: download" % name, get)

        if name != "small":
            return up, get, None, None
        # No-op sync: everything is there already; alicli's second sync must write nothing.
        sync = {}
        if a.alicli_tree:
            target = "oss://%s/%s" % (bucket_of("alicli"), pre["alicli"])
            before = self.stats()
            self.alicli("sync", src, target, "--no-progress", *self.jobs(), what="alicli oss sync (first)")
            first = self.writes(before, self.stats())
            self.notes.append("first `oss sync` after `cp -r` of the small tree sent %d writes%s" % (
                first, "" if first == 0 else " (cp -r does not leave what sync compares)"))
            before = self.stats()
            sync["alicli"] = self.best(lambda: self.alicli("sync", src, target, "--no-progress", *self.jobs(),
                                                           what="alicli oss sync (no-op)"))
            after = self.stats()
            n = self.writes(before, after)
            if n:
                self.fail("no-op alicli oss sync sent %d writes: %s" % (n, {k: after.get(k, 0) - before.get(k, 0) for k in WRITES}))
            self.verify_remote("alicli", pre["alicli"], src, "alicli no-op sync", sample=0)
            # A sync lists the prefix: the listing alone is its floor on this server.
            listing = os.path.join(self.work, "ls-small.txt")
            ls = self.best(lambda: self.alicli("ls", "-r", target, stdout=listing))
            if count_lines(listing) != a.small:
                self.fail("alicli oss ls -r of the small tree listed %d objects, expected %d" % (count_lines(listing), a.small))
            self.notes.append("alicli ls -r of the small tree alone: %.2f s (the listing a sync waits for)" % ls[0])
        before = self.stats()
        r = self.peer("sync", capture=True, bucket=bucket_of("oss2"), prefix=pre["oss2"], root=src)
        n = self.writes(before, self.stats())
        if r is None or r["uploaded"] or n:
            self.fail("oss2 no-op sync wrote %s objects" % (r and r["uploaded"]))
        sync["oss2"] = self.best(lambda: self.peer("sync", bucket=bucket_of("oss2"), prefix=pre["oss2"], root=src))
        self.record("small: no-op sync", sync)

        # rm -r of the whole prefix.
        rm = {}
        del_cfg = os.path.join(self.work, "curl-del-%s.cfg" % name)
        self.peer("sign", bucket=bucket_of("curl"), prefix=pre["curl"], root=src, method="DELETE", config=del_cfg)
        for t in tools:
            before = self.stats()
            if t == "alicli":
                rm[t] = self.alicli("rm", "-r", "oss://%s/%s" % (bucket_of(t), pre[t]), *self.jobs())
                batches = self.stats().get("oss:DeleteMultipleObjects", 0) - before.get("oss:DeleteMultipleObjects", 0)
                self.notes.append("alicli rm -r of %d keys: %d DeleteMultipleObjects requests" % (a.small, batches))
            elif t == "oss2":
                rm[t] = self.peer("rm", bucket=bucket_of(t), prefix=pre[t])
            else:
                rm[t] = self.curl(del_cfg, ["-X", "DELETE"])
            self.verify_remote(t, pre[t], None, "%s rm -r of the %s tree" % (t, name), sample=0)
        self.record("small: rm -r", rm, "(curl: one DELETE per object)")
        return up, get, sync, rm

    def jobs(self):
        return ["--jobs", str(self.args.jobs)] if self.args.jobs else []

    @staticmethod
    def writes(before, after):
        return sum(after.get(k, 0) - before.get(k, 0) for k in WRITES)

    def rss(self):
        """--rss: ls -r and a no-op sync over many tiny objects, for their peak RSS."""
        a = self.args
        root = os.path.join(self.work, "rss")
        self.make("empty", root, a.rss_keys)
        prefix = "rss/"
        out = {}
        if a.alicli_tree:
            before = self.stats()
            out["create (alicli sync)"] = self.alicli("sync", root, "oss://%s/%s" % (bucket_of("rss"), prefix), "--no-progress",
                                                      *self.jobs(), what="alicli oss sync (create)")
            puts = self.stats().get("oss:PutObject", 0) - before.get("oss:PutObject", 0)
            if puts != a.rss_keys:
                self.fail("creating %d objects with alicli oss sync sent %d PutObject" % (a.rss_keys, puts))
        else:
            # Without alicli's tree commands: curl --parallel on presigned PUT URLs, the fastest.
            cfg = os.path.join(self.work, "curl-put-rss.cfg")
            self.peer("sign", bucket=bucket_of("rss"), prefix=prefix, root=root, method="PUT", config=cfg)
            out["create (curl)"] = self.curl(cfg)
        listing = os.path.join(self.work, "ls.txt")
        for label, extra in (("ls -r", []), ("ls -r --output json", ["--output", "json"])):
            out[label] = self.alicli("ls", "-r", "oss://%s/%s" % (bucket_of("rss"), prefix), *extra, stdout=listing)
            n = count_lines(listing, '"type":"object"' if extra else None)
            if n != a.rss_keys:
                self.fail("alicli oss %s listed %d objects, expected %d" % (label, n, a.rss_keys))
        if a.alicli_tree:
            before = self.stats()
            out["no-op sync"] = self.alicli("sync", root, "oss://%s/%s" % (bucket_of("rss"), prefix), "--no-progress",
                                            *self.jobs(), what="alicli oss sync (no-op, --rss)")
            n = self.writes(before, self.stats())
            if n:
                self.fail("no-op alicli oss sync of %d files sent %d writes" % (a.rss_keys, n))
        return out


def make_small_tree(root, n, size):
    """n files of size bytes, 100 to a folder, two levels deep."""
    for i in range(n):
        d = os.path.join(root, "d%03d" % (i // 1000), "e%02d" % (i // 100 % 10))
        if i % 100 == 0:
            os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, "f%05d.bin" % i), "wb") as f:
            f.write(os.urandom(size))


def make_large_tree(root, n, size):
    """n files of size bytes; one random block, each file stamped with its number every MiB."""
    base = bytearray(os.urandom(size))
    for i in range(n):
        d = os.path.join(root, "g%02d" % (i // 50))
        os.makedirs(d, exist_ok=True)
        stamp = b"file%06d" % i
        for off in range(0, size - len(stamp) + 1, MIB):
            base[off:off + len(stamp)] = stamp
        with open(os.path.join(d, "big%04d.bin" % i), "wb") as f:
            f.write(base)


def make_empty_tree(root, n, _size=0):
    for i in range(n):
        if i % 1000 == 0:
            os.makedirs(os.path.join(root, "r%03d" % (i // 1000)))
        open(os.path.join(root, "r%03d" % (i // 1000), "x%06d" % i), "wb").close()


def count_lines(path, needle=None):
    n = 0
    with open(path, "rb") as f:
        for line in f:
            if line.strip() and (needle is None or needle.encode() in line.replace(b" ", b"")):
                n += 1
    return n


def has_tree_commands(alicli):
    for sub in ("cp", "sync", "rm"):
        if subprocess.run([alicli, "oss", sub, "--help"], capture_output=True).returncode != 0:
            return False
    return True


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "peer":
        return peer_main(sys.argv[2], json.loads(sys.argv[3]))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--alicli", required=True)
    ap.add_argument("--python", required=True, help="interpreter with oss2 (the interop venv's)")
    ap.add_argument("--small", type=int, default=10000, help="files in the small tree (0: skip it)")
    ap.add_argument("--small-kib", type=int, default=4)
    ap.add_argument("--large", type=int, default=200, help="files in the large tree (0: skip it)")
    ap.add_argument("--large-mib", type=int, default=5)
    ap.add_argument("--threads", type=int, default=16, help="oss2's thread pool and curl's --parallel-max")
    ap.add_argument("--jobs", type=int, default=0, help="alicli --jobs (default: alicli's own)")
    ap.add_argument("--runs", type=int, default=2, help="best of N for uploads, downloads and the no-op sync")
    ap.add_argument("--rss", action="store_true", help="also measure ls -r and a no-op sync of --rss-keys objects")
    ap.add_argument("--rss-keys", type=int, default=100000)
    args = ap.parse_args()
    args.alicli_tree = has_tree_commands(args.alicli)
    if not args.alicli_tree:
        print("alicli has no oss cp/sync/rm yet: only the peers run (and ls -r with --rss)", flush=True)

    work = tempfile.mkdtemp(prefix="alicli-tree-", dir=os.environ.get("BENCH_DIR"))
    cloud_config = os.path.join(work, "cloud.toml")
    with open(cloud_config, "w") as f:
        f.write("buckets = [%s]\n" % ", ".join('"%s"' % b for b in BUCKETS))
    server = subprocess.Popen([args.alicli, "serve", "--listen", "127.0.0.1:0", "--data-dir", os.path.join(work, "cloud"),
                               "--config", cloud_config],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    bench = Bench(args, work)
    results = {}
    rss = None
    try:
        info = json.loads(server.stdout.readline())
        bench.ep, bench.ak, bench.sk = info["endpoint"], info["access_key_id"], info["access_key_secret"]
        env = dict(os.environ, OSS_ACCESS_KEY_ID=bench.ak, OSS_ACCESS_KEY_SECRET=bench.sk,
                   ALIBABA_CLOUD_REGION_ID="cn-hangzhou", ALICLI_CONFIG_FILE=os.path.join(work, "config.toml"),
                   ALICLI_CACHE_DIR=os.path.join(work, "cache"), NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
        for k in ("ALICLI_PROFILE", "OSS_SESSION_TOKEN", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
                  "http_proxy", "https_proxy", "all_proxy"):
            env.pop(k, None)
        os.environ.update(NO_PROXY="127.0.0.1", no_proxy="127.0.0.1")
        for k in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
            os.environ.pop(k, None)
        bench.env = env
        if args.small:
            src = os.path.join(work, "small")
            bench.make("small", src, args.small, args.small_kib * KIB)
            results["small"] = bench.tree("small", src)
            shutil.rmtree(src)
        if args.large:
            src = os.path.join(work, "large")
            bench.make("large", src, args.large, args.large_mib * MIB)
            results["large"] = bench.tree("large", src)
            shutil.rmtree(src)
        if args.rss:
            rss = bench.rss()
    finally:
        server.kill()
        server.wait()
        shutil.rmtree(work, ignore_errors=True)

    report(args, bench, results, rss)
    if bench.failures:
        print("\n%d correctness check(s) FAILED:" % len(bench.failures))
        for f in bench.failures:
            print("  " + f)
        sys.exit(1)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown CPU"


def mib(r):
    """A run's peak RSS; "<=F" when wait4's figure is the harness's own floor F."""
    return ("<=%.1f" if r[4] else "%.1f") % r[1]


def report(args, bench, results, rss):
    print()
    print("machine: %d cores (%s), %s %s; small tree %d x %d KiB, large tree %d x %d MiB; oss2 %d threads, "
          "curl --parallel-max %d, alicli --jobs %s; best of %d"
          % (os.cpu_count(), cpu_model(), os.uname().sysname, os.uname().release, args.small, args.small_kib,
             args.large, args.large_mib, args.threads, args.threads, args.jobs or "default", args.runs))
    print("%-22s %9s %9s %9s %12s %12s %16s" % ("workload", "alicli s", "oss2 s", "curl s", "oss2/alicli",
                                                 "alicli/curl", "alicli RSS MiB"))

    def cell(r, tool, fmt="%9.2f"):
        return fmt % r[tool][0] if tool in r else "%9s" % "-"

    for workload, r, note in bench.rows:
        sa = r["oss2"][0] / r["alicli"][0] if "alicli" in r and "oss2" in r else None
        ac = r["alicli"][0] / r["curl"][0] if "alicli" in r and "curl" in r else None
        print("%-22s %s %s %s %12s %12s %16s %s" % (
            workload, cell(r, "alicli"), cell(r, "oss2"), cell(r, "curl"),
            "%.2f" % sa if sa else "-", "%.2f" % ac if ac else "-",
            mib(r["alicli"]) if "alicli" in r else "-", note))
    for n in bench.notes:
        print("note: " + n)
    print()

    def target(label, value, limit, lower_is_better=True):
        if value is None:
            print("%-58s %8s  (target %s %s)  not run" % (label, "-", "<=" if lower_is_better else ">=", limit))
            return
        ok = value <= limit if lower_is_better else value >= limit
        print("%-58s %8.2f  (target %s %s)  %s" % (label, value, "<=" if lower_is_better else ">=", limit,
                                                   "ok" if ok else "MISSED"))

    def ratio(r, num, den):
        return r[num][0] / r[den][0] if r and num in r and den in r else None

    if "small" in results:
        up, get, sync, _rm = results["small"]
        target("oss2/alicli, %d small files, upload (speed-up)" % args.small, ratio(up, "oss2", "alicli"), 4.0, False)
        target("oss2/alicli, %d small files, download (speed-up)" % args.small, ratio(get, "oss2", "alicli"), 4.0, False)
        target("alicli/curl, %d small files, upload" % args.small, ratio(up, "alicli", "curl"), 1.3)
        target("alicli/curl, %d small files, download" % args.small, ratio(get, "alicli", "curl"), 1.3)
        target("alicli no-op sync of %d files, s" % args.small, sync["alicli"][0] if sync and "alicli" in sync else None, 1.0)
    if "large" in results:
        up, get, _, _ = results["large"]
        target("alicli/curl, %d x %d MiB, upload" % (args.large, args.large_mib), ratio(up, "alicli", "curl"), 1.3)
        target("alicli/curl, %d x %d MiB, download" % (args.large, args.large_mib), ratio(get, "alicli", "curl"), 1.3)
    if rss:
        print()
        print("%d tiny objects:" % args.rss_keys)
        for label, r in rss.items():
            print("  %-28s %8.2f s %10s MiB peak RSS" % (label, r[0], mib(r)))
        target("alicli ls -r of %d keys, peak RSS MiB" % args.rss_keys, rss["ls -r"][1], 64)
        target("alicli ls -r --output json of %d keys, peak RSS MiB" % args.rss_keys, rss["ls -r --output json"][1], 64)
        target("alicli no-op sync of %d files, peak RSS MiB" % args.rss_keys,
               rss["no-op sync"][1] if "no-op sync" in rss else None, 128)
    print("(RSS from wait4: a child counts its parent's pages from before exec, so no figure is below the "
          "harness's own peak, at most %.1f MiB when it started them; \"<=F\" marks a figure at that floor)" % bench.floor)


if __name__ == "__main__":
    main()
