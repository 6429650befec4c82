#!/usr/bin/env python3
"""Startup of small commands: how long alicli takes for a command that does one small thing,
for two builds side by side in the same run (so the ratio means something on a shared,
noisy machine).

    bench/startup.py --alicli target/release/alicli --baseline /path/to/older/alicli [--runs 40]

Cases, each run against a local cloud (`alicli serve` of the first binary) on 127.0.0.1:
- `version`: `alicli --version`, the floor (process start, argument parsing).
- `no credentials`: `alicli sts get-caller-identity` with nothing configured anywhere: the whole
  credential chain is walked and the error printed; no request may be sent (the local cloud's
  counters are checked), so a missing source costs no round trip.
- `get-caller-identity`: one signed STS call with a long-term key from the environment.
- `profile get`: `alicli oss get` of a small object with a profile holding the key.

Prints the median and the 90th percentile of each, for both builds, and new/baseline. The
runs of the two builds alternate, so a burst of load on the machine hits both.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request


def start_cloud(alicli):
    proc = subprocess.Popen([alicli, 'serve', '--listen', '127.0.0.1:0'],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seed = json.loads(proc.stdout.readline())
    return proc, seed


def stats(endpoint):
    with urllib.request.urlopen(endpoint + '/-/stats', timeout=5) as r:
        return json.loads(r.read())


def clean_env(home):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('ALICLI_', 'ALIBABA_CLOUD_', 'ALICLOUD_', 'OSS_', 'ACTIONS_'))}
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, 'xdg'),
               ALICLI_CONFIG_FILE=os.path.join(home, 'config.toml'),
               ALICLI_CACHE_DIR=os.path.join(home, 'cache'),
               NO_PROXY='127.0.0.1', no_proxy='127.0.0.1')
    return env


def timed(argv, env, expect):
    started = time.perf_counter()
    out = subprocess.run(argv, env=env, capture_output=True)
    elapsed = time.perf_counter() - started
    if out.returncode != expect:
        sys.exit('%s: exit %d, expected %d: %s' % (' '.join(argv), out.returncode, expect,
                                                   out.stderr.decode(errors='replace')))
    return elapsed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--alicli', required=True, help='the build to measure')
    ap.add_argument('--baseline', required=True, help='the build to compare with')
    ap.add_argument('--runs', type=int, default=40)
    args = ap.parse_args()
    builds = [('new', os.path.abspath(args.alicli)), ('baseline', os.path.abspath(args.baseline))]

    proc, seed = start_cloud(builds[0][1])
    ep = seed['endpoint']
    try:
        with tempfile.TemporaryDirectory(prefix='alicli-startup-') as home:
            keys = dict(ALIBABA_CLOUD_ACCESS_KEY_ID=seed['access_key_id'],
                        ALIBABA_CLOUD_ACCESS_KEY_SECRET=seed['access_key_secret'])
            # A profile and an object for the `oss get` case, written by the new build.
            env = clean_env(home)
            subprocess.run([builds[0][1], 'configure', '--access-key-id', seed['access_key_id'],
                            '--access-key-secret', '-', '--region', seed['region']],
                           input=seed['access_key_secret'].encode(), env=env, check=True,
                           capture_output=True)
            with open(os.path.join(home, 'small.txt'), 'wb') as f:
                f.write(b'x' * 1024)
            subprocess.run([builds[0][1], 'oss', 'put', os.path.join(home, 'small.txt'),
                            'oss://%s/startup/small.txt' % seed['bucket'], '--endpoint', ep],
                           env=env, check=True, capture_output=True)
            empty = os.path.join(home, 'empty')
            os.mkdir(empty)
            cases = [
                ('version', ['--version'], {}, 0, None),
                ('no credentials', ['sts', 'get-caller-identity', '--endpoint', ep], {}, 2, empty),
                ('get-caller-identity', ['sts', 'get-caller-identity', '--endpoint', ep], keys, 0, empty),
                ('profile get', ['oss', 'get', 'oss://%s/startup/small.txt' % seed['bucket'], '-',
                                 '--endpoint', ep], {}, 0, home),
            ]
            print('startup of small commands, %d runs each, alternating builds' % args.runs)
            print('%-20s %-9s %9s %9s' % ('case', 'build', 'median', 'p90'))
            for name, argv, extra, expect, where in cases:
                times = {b: [] for b, _ in builds}
                before = stats(ep)
                for _ in range(args.runs):
                    for build, exe in builds:
                        env = clean_env(where or home)
                        if where == home:
                            env['ALICLI_CONFIG_FILE'] = os.path.join(home, 'config.toml')
                        else:
                            env['ALICLI_CONFIG_FILE'] = os.path.join(where or home, 'none.toml')
                        env.update(extra)
                        times[build].append(timed([exe, *argv], env, expect))
                if name == 'no credentials' and stats(ep) != before:
                    sys.exit('no credentials: a request was sent (%r -> %r)' % (before, stats(ep)))
                medians = {}
                for build, _ in builds:
                    t = sorted(times[build])
                    medians[build] = statistics.median(t)
                    p90 = t[int(len(t) * 0.9) - 1]
                    print('%-20s %-9s %7.1fms %7.1fms' % (name, build, medians[build] * 1000,
                                                          p90 * 1000))
                print('%-20s %-9s %8.2fx' % ('', 'ratio', medians['new'] / medians['baseline']))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == '__main__':
    main()
