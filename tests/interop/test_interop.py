#!/usr/bin/env python3
"""Interop suite: Alibaba Cloud's official Python SDKs against `alicli serve`.

Every signature here is computed by the official SDKs (oss2, aliyun-python-sdk-core,
aliyun-python-sdk-sts); this file contains no signing code.  The local cloud verifies them
with the same code alicli signs with, so a pass means alicli and the SDKs agree.

Run through run.sh (which prepares the venv), or directly with a Python that has the pinned
SDKs installed.  The binary is $ALICLI_BIN, else <repo>/target/release/alicli.
Prints one line per test and ends with "N passed, M failed"; exits 1 if any test failed.
"""

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request

import oss2
from aliyunsdkcore.acs_exception.exceptions import ServerException
from aliyunsdkcore.auth.credentials import StsTokenCredential
from aliyunsdkcore.client import AcsClient
from aliyunsdksts.request.v20150401.AssumeRoleRequest import AssumeRoleRequest
from aliyunsdksts.request.v20150401.GetCallerIdentityRequest import GetCallerIdentityRequest

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

JPG_KEY = '2015/01/01/grass.jpg'
PNG_KEY = '2015/01/01/grass.png'
JPG_BYTES = b'\xff\xd8\xff\xe0 not really a jpeg, but bytes the SDKs must carry intact \x00\x01\x02'
NARROW_POLICY = json.dumps({
    "Version": "1",
    "Statement": [{
        "Effect": "Allow",
        "Action": "oss:GetObject",
        "Resource": "acs:oss:*:*:sample-bucket/2015/01/01/*.jpg",
    }],
})
AWKWARD_KEYS = [
    'awkward/with space.txt',
    'awkward/plus+sign.txt',
    'awkward/100%.txt',
    'awkward/what?.txt',
    'awkward/hash#tag.txt',
    'awkward/tilde~name.txt',
    'awkward/文件.txt',
    '文件/目录/文件.txt',
    '-leading-dash.txt',
    'awkward/all of them +%?#~文件 .txt',
]
TIMEOUT = 15  # seconds, per HTTP request


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


# --------------------------------------------------------------------------- local cloud


def _die_with_parent():
    """In the child before exec: on Linux, get SIGTERM if this runner dies (even by SIGKILL)."""
    if sys.platform.startswith('linux'):
        try:
            import ctypes
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except Exception:
            pass


class LocalCloud:
    """One `alicli serve --listen 127.0.0.1:0`, fresh per run."""

    def __init__(self):
        self.proc = None
        self.tmp = tempfile.mkdtemp(prefix='alicli-interop-')
        self.log_path = os.path.join(self.tmp, 'serve.stderr')
        self.seed = None

    def start(self):
        binary = os.environ.get('ALICLI_BIN') or os.path.join(REPO, 'target', 'release', 'alicli')
        if not os.access(binary, os.X_OK):
            raise RuntimeError('alicli binary not found or not executable: %s' % binary)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith('ALICLI_') and not k.startswith('ALIBABA_CLOUD_')}
        # Hermetic: no profile file, no credentials or region from the environment.
        env['ALICLI_CONFIG_FILE'] = os.path.join(self.tmp, 'no-such-config.toml')
        data_dir = os.path.join(self.tmp, 'data')
        os.mkdir(data_dir)
        self._log = open(self.log_path, 'wb')
        self.proc = subprocess.Popen(
            [binary, 'serve', '--listen', '127.0.0.1:0', '--data-dir', data_dir],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=self._log, env=env,
            preexec_fn=_die_with_parent)
        line = self._read_first_line(20.0)
        try:
            self.seed = json.loads(line)
        except ValueError:
            raise RuntimeError('first stdout line of alicli serve is not JSON: %r' % line)
        for field in ('endpoint', 'region', 'account_id', 'access_key_id',
                      'access_key_secret', 'role_arn', 'bucket'):
            if field not in self.seed:
                raise RuntimeError('first line lacks %r: %r' % (field, line))
        # Keep draining stdout so the server can never block on a full pipe.
        threading.Thread(target=self._drain, daemon=True).start()
        return self.seed

    def _read_first_line(self, timeout):
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        buf = b''
        deadline = time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b'\n' not in buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError('alicli serve printed no first line within %.0fs; stderr: %s'
                                   % (timeout, self.stderr_tail()))
            if not sel.select(left):
                continue
            chunk = os.read(fd, 4096)
            if not chunk:
                raise RuntimeError('alicli serve exited (rc=%s) before its first line; stderr: %s'
                                   % (self.proc.wait(), self.stderr_tail()))
            buf += chunk
        sel.close()
        return buf.split(b'\n', 1)[0].decode('utf-8')

    def _drain(self):
        try:
            while os.read(self.proc.stdout.fileno(), 65536):
                pass
        except (OSError, ValueError):
            pass

    def stderr_tail(self, n=2000):
        try:
            with open(self.log_path, 'rb') as f:
                return f.read()[-n:].decode('utf-8', 'replace')
        except OSError:
            return ''

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        if self.proc is not None and self.proc.stdout:
            self.proc.stdout.close()
        if getattr(self, '_log', None):
            self._log.close()
        shutil.rmtree(self.tmp, ignore_errors=True)


# --------------------------------------------------------------------------- SDK helpers


class Ctx:
    def __init__(self, seed):
        self.seed = seed
        self.endpoint = seed['endpoint']                      # http://127.0.0.1:PORT
        self.hostport = urllib.parse.urlparse(self.endpoint).netloc  # 127.0.0.1:PORT
        self.region = seed['region']
        self.ak = seed['access_key_id']
        self.sk = seed['access_key_secret']
        self.role_arn = seed['role_arn']
        self.bucket_name = seed['bucket']

    # ---- STS (aliyun-python-sdk-core + aliyun-python-sdk-sts)

    def acs_client(self, ak=None, sk=None, credential=None):
        if credential is not None:
            return AcsClient(region_id=self.region, credential=credential,
                             auto_retry=False, timeout=TIMEOUT, connect_timeout=TIMEOUT)
        return AcsClient(ak or self.ak, sk if sk is not None else self.sk, self.region,
                         auto_retry=False, timeout=TIMEOUT, connect_timeout=TIMEOUT)

    def local(self, request):
        """Point one SDK request at the local cloud: explicit endpoint, plain http."""
        request.set_endpoint(self.hostport)
        request.set_protocol_type('http')
        return request

    def assume_role_request(self, session_name, method=None, policy=NARROW_POLICY):
        req = self.local(AssumeRoleRequest())
        if method:
            req.set_method(method)
        req.set_RoleArn(self.role_arn)
        req.set_RoleSessionName(session_name)
        if policy is not None:
            req.set_Policy(policy)
        req.set_DurationSeconds(900)
        return req

    def assume_role(self, session_name='interop'):
        body = self.acs_client().do_action_with_exception(self.assume_role_request(session_name))
        return json.loads(body)['Credentials']

    # ---- OSS (oss2)

    def bucket(self, auth, version=1):
        kwargs = dict(enable_crc=True, connect_timeout=TIMEOUT)
        if version == 4:
            kwargs['region'] = self.region
        return oss2.Bucket(auth, self.endpoint, self.bucket_name, **kwargs)

    def user_bucket(self, version=1, secret=None):
        sk = secret if secret is not None else self.sk
        auth = oss2.AuthV4(self.ak, sk) if version == 4 else oss2.Auth(self.ak, sk)
        return self.bucket(auth, version)

    def sts_bucket(self, creds, version=1):
        auth_version = oss2.AUTH_VERSION_4 if version == 4 else oss2.AUTH_VERSION_1
        auth = oss2.StsAuth(creds['AccessKeyId'], creds['AccessKeySecret'],
                            creds['SecurityToken'], auth_version=auth_version)
        return self.bucket(auth, version)

    def ensure_jpg(self):
        self.user_bucket(1).put_object(JPG_KEY, JPG_BYTES)

    def stats(self):
        with urllib.request.urlopen(self.endpoint + '/-/stats', timeout=TIMEOUT) as r:
            return json.loads(r.read())


def http_get(url):
    """(status, body) of a plain GET with urllib; error statuses are returned, not raised."""
    try:
        with urllib.request.urlopen(url, timeout=TIMEOUT) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def xml_code(body):
    text = body.decode('utf-8', 'replace')
    start = text.find('<Code>')
    end = text.find('</Code>')
    return text[start + 6:end] if start >= 0 and end > start else None


def expect_oss_error(fn, status, code, exc_class=None):
    try:
        fn()
    except oss2.exceptions.ServerError as e:
        check(e.status == status and e.code == code,
              'expected %d %s, got %d %s: %s' % (status, code, e.status, e.code, e.message))
        if exc_class is not None:
            check(isinstance(e, exc_class), 'expected %s, got %s' % (exc_class.__name__,
                                                                      type(e).__name__))
        return e
    raise Failure('expected %d %s, but the request succeeded' % (status, code))


def check_assume_role_shape(body, session_name, duration=900):
    data = json.loads(body)
    check(isinstance(data.get('RequestId'), str) and data['RequestId'], 'no RequestId: %r' % data)
    aru = data.get('AssumedRoleUser')
    check(isinstance(aru, dict), 'no AssumedRoleUser: %r' % data)
    check(aru.get('Arn', '').endswith('role/oss-readonly/' + session_name),
          'AssumedRoleUser.Arn %r' % aru.get('Arn'))
    check(aru.get('AssumedRoleId', '').endswith(':' + session_name),
          'AssumedRoleUser.AssumedRoleId %r' % aru.get('AssumedRoleId'))
    creds = data.get('Credentials')
    check(isinstance(creds, dict), 'no Credentials: %r' % data)
    for field in ('AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration'):
        check(isinstance(creds.get(field), str) and creds[field], 'Credentials.%s missing' % field)
    check(creds['AccessKeyId'].startswith('STS.'), 'AccessKeyId %r' % creds['AccessKeyId'])
    exp = time.strptime(creds['Expiration'], '%Y-%m-%dT%H:%M:%SZ')
    left = time.mktime(exp) - time.mktime(time.gmtime())
    check(duration - 300 < left <= duration + 60,
          'Expiration %s is not ~%d s ahead' % (creds['Expiration'], duration))
    return creds


# --------------------------------------------------------------------------- tests: STS


def test_sts_assume_role_post(ctx):
    """AssumeRoleRequest as the SDK builds it: POST, parameters in the query string."""
    req = ctx.assume_role_request('interop-post')
    check(req.get_method() == 'POST', 'SDK default method is %s' % req.get_method())
    check_assume_role_shape(ctx.acs_client().do_action_with_exception(req), 'interop-post')


def test_sts_assume_role_get(ctx):
    req = ctx.assume_role_request('interop-get', method='GET')
    check_assume_role_shape(ctx.acs_client().do_action_with_exception(req), 'interop-get')


def test_sts_assume_role_post_form_body(ctx):
    """POST with the action's parameters as an x-www-form-urlencoded body (signed by the SDK)."""
    req = ctx.local(AssumeRoleRequest())
    req.set_method('POST')
    req.add_body_params('RoleArn', ctx.role_arn)
    req.add_body_params('RoleSessionName', 'interop-form')
    req.add_body_params('Policy', NARROW_POLICY)
    req.add_body_params('DurationSeconds', '900')
    check_assume_role_shape(ctx.acs_client().do_action_with_exception(req), 'interop-form')


def test_sts_endpoint_via_client_add_endpoint(ctx):
    """The SDK's endpoint-resolver hook instead of a per-request endpoint."""
    client = ctx.acs_client()
    client.add_endpoint(ctx.region, 'Sts', ctx.hostport)
    req = AssumeRoleRequest()
    req.set_protocol_type('http')
    req.set_RoleArn(ctx.role_arn)
    req.set_RoleSessionName('interop-resolver')
    check(req.endpoint is None, 'request carries its own endpoint')
    check_assume_role_shape(client.do_action_with_exception(req), 'interop-resolver', 3600)


def test_sts_get_caller_identity_user_key(ctx):
    before = ctx.stats().get('sts:GetCallerIdentity', 0)
    body = ctx.acs_client().do_action_with_exception(ctx.local(GetCallerIdentityRequest()))
    data = json.loads(body)
    check(data.get('AccountId') == ctx.seed['account_id'], 'AccountId %r' % data.get('AccountId'))
    check(data.get('IdentityType') == 'RAMUser', 'IdentityType %r' % data.get('IdentityType'))
    check(data.get('Arn', '').startswith('acs:ram::%s:user/' % ctx.seed['account_id']),
          'Arn %r' % data.get('Arn'))
    check(data.get('RequestId'), 'no RequestId')
    after = ctx.stats().get('sts:GetCallerIdentity', 0)
    check(after == before + 1, 'local cloud counted %d -> %d GetCallerIdentity' % (before, after))


def test_sts_get_caller_identity_sts_token(ctx):
    creds = ctx.assume_role('interop-whoami')
    credential = StsTokenCredential(creds['AccessKeyId'], creds['AccessKeySecret'],
                                    creds['SecurityToken'])
    body = ctx.acs_client(credential=credential).do_action_with_exception(
        ctx.local(GetCallerIdentityRequest()))
    data = json.loads(body)
    check(data.get('IdentityType') == 'AssumedRoleUser', 'IdentityType %r' % data)
    check(data.get('Arn', '').endswith('role/oss-readonly/interop-whoami'), 'Arn %r' % data)
    check(data.get('AccountId') == ctx.seed['account_id'], 'AccountId %r' % data)


def test_sts_wrong_secret(ctx):
    bad = ctx.acs_client(sk=ctx.sk[:-1] + ('x' if ctx.sk[-1] != 'x' else 'y'))
    # Raw answer of the server (the SDK's deprecated do_action returns the body as is).
    raw = json.loads(bad.do_action(ctx.assume_role_request('interop-bad-raw')))
    check(raw.get('Code') == 'SignatureDoesNotMatch', 'raw error body %r' % raw)
    try:
        bad.do_action_with_exception(ctx.assume_role_request('interop-bad'))
    except ServerException as e:
        # The SDK compares the server's echoed string-to-sign with its own and, when they are
        # equal (so only the secret can be wrong), turns SignatureDoesNotMatch into
        # InvalidAccessKeySecret, as it does against the real STS.
        check(e.get_http_status() == 400, 'HTTP status %s' % e.get_http_status())
        check(e.get_error_code() in ('SignatureDoesNotMatch', 'InvalidAccessKeySecret'),
              'error code %s: %s' % (e.get_error_code(), e.get_error_msg()))
        check(e.get_error_code() == 'InvalidAccessKeySecret',
              'SDK kept SignatureDoesNotMatch: the string to sign echoed by the local cloud '
              'differs from the SDK\'s: %s' % e.get_error_msg())
        return
    raise Failure('AssumeRole with a wrong secret succeeded')


# --------------------------------------------------------------------------- tests: OSS, user key


def _put_get_head(bucket, key, data):
    put = bucket.put_object(key, data)
    check(put.status == 200, 'put status %d' % put.status)
    got = bucket.get_object(key)
    body = got.read()
    check(body == data, 'get returned %r, want %r' % (body[:60], data[:60]))
    # oss2 computes the CRC-64 of what it read and compares it with x-oss-hash-crc64ecma
    # (raising InconsistentError on mismatch); check it really did.
    check(got.client_crc is not None and got.client_crc == got.server_crc,
          'crc client %r server %r' % (got.client_crc, got.server_crc))
    head = bucket.head_object(key)
    check(head.content_length == len(data), 'content-length %r' % head.content_length)
    crc = head.headers.get('x-oss-hash-crc64ecma')
    check(crc is not None and int(crc) == put.crc, 'head crc64 %r, put crc %r' % (crc, put.crc))
    return put


def test_oss_v1_user_put_get_head(ctx):
    b = ctx.user_bucket(1)
    check(b.enable_crc, 'crc check off')
    _put_get_head(b, JPG_KEY, JPG_BYTES)


def test_oss_v4_user_put_get_head(ctx):
    b = ctx.user_bucket(4)
    check(b.auth.auth_version() == oss2.AUTH_VERSION_4, 'not a v4 auth')
    _put_get_head(b, '2015/01/01/v4-grass.jpg', JPG_BYTES * 3)


def test_oss_range_get(ctx):
    data = bytes(range(256)) * 4
    for version in (1, 4):
        b = ctx.user_bucket(version)
        key = 'range/v%d.bin' % version
        b.put_object(key, data)
        part = b.get_object(key, byte_range=(10, 99))
        check(part.status == 206, 'v%d range get status %d' % (version, part.status))
        check(part.read() == data[10:100], 'v%d range get bytes' % version)


def test_oss_user_metadata_round_trip(ctx):
    """PutObject's x-oss-meta-* and Content-Disposition come back on HEAD and GET (both are
    signed: canonicalized x-oss- headers in v1, x-oss-* in v4's canonical headers)."""
    data = b'a,b,c\n1,2,3\n'
    problems = []
    for version in (1, 4):
        b = ctx.user_bucket(version)
        key = 'meta/v%d/report.csv' % version
        b.put_object(key, data, headers={'Content-Type': 'text/csv',
                                         'Content-Disposition': 'attachment',
                                         'x-oss-meta-color': 'Blue Green'})
        head = b.head_object(key)
        got = b.get_object(key)
        check(got.read() == data, 'wrong bytes')
        for name, want in (('content-type', 'text/csv'),
                           ('content-disposition', 'attachment'),
                           ('x-oss-meta-color', 'Blue Green')):
            if head.headers.get(name) != want or got.headers.get(name) != want:
                problems.append('v%d %s: want %r, HEAD %r, GET %r' % (
                    version, name, want, head.headers.get(name), got.headers.get(name)))
    check(not problems, '; '.join(problems))


def test_oss_response_header_overrides(ctx):
    """GetObject's response-* query parameters (signed sub-resources in v1, canonical query in
    v4) override the response headers.  Values without spaces: see query_value_with_space."""
    data = b'a,b,c\n1,2,3\n'
    ctx.user_bucket(1).put_object('overrides/report.csv', data,
                                  headers={'Content-Type': 'text/csv'})
    params = {'response-content-type': 'text/plain',
              'response-cache-control': 'no-cache',
              'response-content-disposition': 'attachment;filename=r.txt'}
    problems = []
    for version in (1, 4):
        got = ctx.user_bucket(version).get_object('overrides/report.csv', params=dict(params))
        check(got.read() == data, 'v%d wrong bytes' % version)
        for p, want in params.items():
            name = p[len('response-'):]
            if got.headers.get(name) != want:
                problems.append('v%d %s: want %r, got %r' % (version, name, want,
                                                            got.headers.get(name)))
    check(not problems, '; '.join(problems))


# oss2 hands query parameters to requests, which form-encodes them: a space goes on the wire
# as '+' (e.g. ?response-content-disposition=attachment%3B+filename%3D%22r.txt%22), while the
# signature covers the decoded value with a space.  Presigned URLs quote a space as %20.
SPACE_PARAMS = {'response-content-disposition': 'attachment; filename="r.txt"'}


def _query_value_with_space(ctx, version):
    ctx.ensure_jpg()
    got = ctx.user_bucket(version).get_object(JPG_KEY, params=dict(SPACE_PARAMS))
    check(got.read() == JPG_BYTES, 'wrong bytes')


def test_oss_v1_query_value_with_space(ctx):
    _query_value_with_space(ctx, 1)


def test_oss_v4_query_value_with_space(ctx):
    _query_value_with_space(ctx, 4)


def test_presign_query_value_with_space(ctx):
    ctx.ensure_jpg()
    problems = []
    for version in (1, 4):
        url = ctx.user_bucket(version).sign_url('GET', JPG_KEY, 60, params=dict(SPACE_PARAMS))
        status, body = http_get(url)
        if status != 200 or body != JPG_BYTES:
            problems.append('v%d %s -> %d %s' % (version, url, status, body[:200]))
    check(not problems, '; '.join(problems))


def test_oss_v1_get_missing_key(ctx):
    expect_oss_error(lambda: ctx.user_bucket(1).get_object('no/such/key.bin'), 404, 'NoSuchKey',
                     oss2.exceptions.NoSuchKey)


def test_oss_v4_get_missing_key(ctx):
    expect_oss_error(lambda: ctx.user_bucket(4).get_object('no/such/key.bin'), 404, 'NoSuchKey',
                     oss2.exceptions.NoSuchKey)


# --------------------------------------------------------------------------- tests: OSS, STS token


def _sts_get_jpg(ctx, version):
    ctx.ensure_jpg()
    b = ctx.sts_bucket(ctx.assume_role('interop-oss-v%d' % version), version)
    check(b.auth.auth_version() == ('v4' if version == 4 else 'v1'), 'auth version')
    got = b.get_object(JPG_KEY)
    check(got.read() == JPG_BYTES, 'wrong bytes')
    check(got.client_crc == got.server_crc, 'crc mismatch')


def _sts_put_denied(ctx, version):
    b = ctx.sts_bucket(ctx.assume_role('interop-oss-put-v%d' % version), version)
    expect_oss_error(lambda: b.put_object('2015/01/01/new.jpg', b'x'), 403, 'AccessDenied',
                     oss2.exceptions.AccessDenied)


def _sts_png_denied(ctx, version):
    ctx.user_bucket(1).put_object(PNG_KEY, b'png bytes')
    b = ctx.sts_bucket(ctx.assume_role('interop-oss-png-v%d' % version), version)
    expect_oss_error(lambda: b.get_object(PNG_KEY), 403, 'AccessDenied',
                     oss2.exceptions.AccessDenied)


def test_oss_v1_sts_get_jpg_allowed(ctx):
    _sts_get_jpg(ctx, 1)


def test_oss_v1_sts_put_denied(ctx):
    _sts_put_denied(ctx, 1)


def test_oss_v1_sts_get_png_denied(ctx):
    _sts_png_denied(ctx, 1)


def test_oss_v4_sts_get_jpg_allowed(ctx):
    _sts_get_jpg(ctx, 4)


def test_oss_v4_sts_put_denied(ctx):
    _sts_put_denied(ctx, 4)


def test_oss_v4_sts_get_png_denied(ctx):
    _sts_png_denied(ctx, 4)


# --------------------------------------------------------------------------- tests: presigned URLs


def _presign_ok(bucket, key, data, marker):
    url = bucket.sign_url('GET', key, 60)
    check(marker in url, 'not a %s URL: %s' % (marker, url))
    status, body = http_get(url)
    check(status == 200, 'GET %s -> %d %s' % (url, status, body[:300]))
    check(body == data, 'wrong bytes %r' % body[:60])


def test_presign_v1_user(ctx):
    ctx.ensure_jpg()
    _presign_ok(ctx.user_bucket(1), JPG_KEY, JPG_BYTES, 'Signature=')


def test_presign_v4_user(ctx):
    ctx.ensure_jpg()
    _presign_ok(ctx.user_bucket(4), JPG_KEY, JPG_BYTES, 'x-oss-signature-version=OSS4-HMAC-SHA256')


def test_presign_v1_sts(ctx):
    ctx.ensure_jpg()
    b = ctx.sts_bucket(ctx.assume_role('interop-presign-v1'), 1)
    _presign_ok(b, JPG_KEY, JPG_BYTES, 'security-token=')


def test_presign_v4_sts(ctx):
    ctx.ensure_jpg()
    b = ctx.sts_bucket(ctx.assume_role('interop-presign-v4'), 4)
    _presign_ok(b, JPG_KEY, JPG_BYTES, 'x-oss-security-token=')


def test_presign_v1_slash_safe(ctx):
    ctx.ensure_jpg()
    url = ctx.user_bucket(1).sign_url('GET', JPG_KEY, 60, slash_safe=True)
    check('/2015/01/01/grass.jpg?' in url, 'slashes escaped: %s' % url)
    status, body = http_get(url)
    check(status == 200 and body == JPG_BYTES, '%d %s' % (status, body[:300]))


def _presign_put(ctx, bucket, key, expect_status, expect_code=None):
    data = b'uploaded through a presigned URL'
    headers = {'Content-Type': 'text/plain', 'x-oss-meta-via': 'presigned'}
    url = bucket.sign_url('PUT', key, 60, headers=headers)
    req = urllib.request.Request(url, data=data, method='PUT', headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    check(status == expect_status, 'PUT %s -> %d %s' % (url, status, body[:300]))
    if expect_code:
        check(xml_code(body) == expect_code, 'code %r' % xml_code(body))
        return
    head = ctx.user_bucket(1).head_object(key)
    check(head.content_length == len(data), 'content-length %r' % head.content_length)
    check(head.content_type == 'text/plain', 'content-type %r' % head.content_type)


def test_presign_put_v1_user(ctx):
    _presign_put(ctx, ctx.user_bucket(1), 'presigned/v1 put.txt', 200)


def test_presign_put_v4_user(ctx):
    _presign_put(ctx, ctx.user_bucket(4), 'presigned/v4 put.txt', 200)


def test_presign_put_v4_sts_denied(ctx):
    b = ctx.sts_bucket(ctx.assume_role('interop-presign-put'), 4)
    _presign_put(ctx, b, '2015/01/01/presigned.jpg', 403, 'AccessDenied')


def test_presign_v1_sts_png_denied(ctx):
    ctx.user_bucket(1).put_object(PNG_KEY, b'png bytes')
    b = ctx.sts_bucket(ctx.assume_role('interop-presign-png'), 1)
    status, body = http_get(b.sign_url('GET', PNG_KEY, 60))
    check(status == 403 and xml_code(body) == 'AccessDenied', '%d %s' % (status, body[:300]))


def test_presign_v1_expired(ctx):
    ctx.ensure_jpg()
    url = ctx.user_bucket(1).sign_url('GET', JPG_KEY, -30)  # Expires 30 s in the past
    status, body = http_get(url)
    check(status == 403, 'expired URL -> %d %s' % (status, body[:300]))
    check(xml_code(body) == 'AccessDenied', 'code %r' % xml_code(body))


def test_presign_v4_expired(ctx):
    ctx.ensure_jpg()
    url = ctx.user_bucket(4).sign_url('GET', JPG_KEY, 1)  # valid for 1 s from x-oss-date
    time.sleep(2.2)
    status, body = http_get(url)
    check(status == 403, 'expired URL -> %d %s' % (status, body[:300]))
    check(xml_code(body) == 'AccessDenied', 'code %r' % xml_code(body))


def _tamper_param(url, name, change):
    parts = urllib.parse.urlsplit(url)
    pairs = urllib.parse.parse_qsl(parts.query, keep_blank_values=True)
    check(any(k == name for k, _ in pairs), '%s not in %s' % (name, url))
    pairs = [(k, change(v) if k == name else v) for k, v in pairs]
    query = urllib.parse.urlencode(pairs, quote_via=urllib.parse.quote, safe='')
    return urllib.parse.urlunsplit(parts._replace(query=query))


def _flip_char(s):
    i = len(s) // 2
    return s[:i] + ('b' if s[i] != 'b' else 'c') + s[i + 1:]


def _tampered_refused(bucket, tamperings):
    url = bucket.sign_url('GET', JPG_KEY, 60)
    status, _ = http_get(url)
    check(status == 200, 'untampered URL -> %d' % status)
    for name, change in tamperings:
        bad = _tamper_param(url, name, change)
        status, body = http_get(bad)
        check(status == 403, 'tampered %s -> %d %s' % (name, status, body[:300]))
        check(xml_code(body) == 'SignatureDoesNotMatch',
              'tampered %s -> code %r' % (name, xml_code(body)))


def test_presign_v1_tampered(ctx):
    ctx.ensure_jpg()
    _tampered_refused(ctx.user_bucket(1), [
        ('Signature', _flip_char),
        ('Expires', lambda v: str(int(v) + 3600)),
    ])


def test_presign_v4_tampered(ctx):
    ctx.ensure_jpg()
    _tampered_refused(ctx.user_bucket(4), [
        ('x-oss-signature', _flip_char),
        ('x-oss-expires', lambda v: str(int(v) + 3600)),
    ])


# --------------------------------------------------------------------------- tests: wrong secret


def _oss_wrong_secret(ctx, version):
    ctx.ensure_jpg()
    b = ctx.user_bucket(version, secret=ctx.sk + 'x')
    expect_oss_error(lambda: b.get_object(JPG_KEY), 403, 'SignatureDoesNotMatch',
                     oss2.exceptions.SignatureDoesNotMatch)


def test_oss_v1_wrong_secret(ctx):
    _oss_wrong_secret(ctx, 1)


def test_oss_v4_wrong_secret(ctx):
    _oss_wrong_secret(ctx, 4)


def test_oss_unknown_access_key(ctx):
    b = ctx.bucket(oss2.Auth('LTAI' + 'Q' * 20, ctx.sk))
    expect_oss_error(lambda: b.get_object(JPG_KEY), 403, 'InvalidAccessKeyId')


# --------------------------------------------------------------------------- tests: awkward keys


def _awkward_round_trip(ctx, version):
    b = ctx.user_bucket(version)
    problems = []
    for i, key in enumerate(AWKWARD_KEYS):
        data = ('v%d #%d %s' % (version, i, key)).encode('utf-8')
        try:
            _put_get_head(b, key, data)
        except Exception as e:  # keep going to report every key that fails
            problems.append('%r: %s' % (key, describe(e)))
    check(not problems, '; '.join(problems))


def _awkward_presigned(ctx, version):
    b = ctx.user_bucket(version)
    problems = []
    for i, key in enumerate(AWKWARD_KEYS):
        data = ('presigned v%d #%d %s' % (version, i, key)).encode('utf-8')
        try:
            b.put_object(key, data)
            url = b.sign_url('GET', key, 60)
            status, body = http_get(url)
            if status != 200 or body != data:
                problems.append('%r: %d %s' % (key, status, body[:200]))
        except Exception as e:
            problems.append('%r: %s' % (key, describe(e)))
    check(not problems, '; '.join(problems))


def test_awkward_keys_v1(ctx):
    _awkward_round_trip(ctx, 1)


def test_awkward_keys_v4(ctx):
    _awkward_round_trip(ctx, 4)


def test_awkward_keys_presigned_v1(ctx):
    _awkward_presigned(ctx, 1)


def test_awkward_keys_presigned_v4(ctx):
    _awkward_presigned(ctx, 4)


# --------------------------------------------------------------------------- runner


def describe(e):
    if isinstance(e, Failure):
        return str(e)
    if isinstance(e, oss2.exceptions.OssError):
        return '%s status=%s code=%s message=%s' % (type(e).__name__, e.status,
                                                    getattr(e, 'code', ''),
                                                    getattr(e, 'message', ''))
    if isinstance(e, ServerException):
        return 'ServerException http=%s code=%s message=%s' % (
            e.get_http_status(), e.get_error_code(), e.get_error_msg())
    return '%s: %s' % (type(e).__name__, e)


# --------------------------------------------------------------------------- alicli beside the SDKs


def alicli(ctx, *args, creds=None):
    """Runs the alicli under test with the given credentials (the user key by default)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('ALICLI_', 'ALIBABA_CLOUD_', 'OSS_'))}
    tmp = tempfile.mkdtemp(prefix='alicli-interop-')
    env.update(ALICLI_CONFIG_FILE=os.path.join(tmp, 'config.toml'),
               ALICLI_CACHE_DIR=os.path.join(tmp, 'cache'))
    if creds is None:
        env.update(OSS_ACCESS_KEY_ID=ctx.ak, OSS_ACCESS_KEY_SECRET=ctx.sk)
    else:
        env.update(OSS_ACCESS_KEY_ID=creds['AccessKeyId'], OSS_ACCESS_KEY_SECRET=creds['AccessKeySecret'],
                   OSS_SESSION_TOKEN=creds['SecurityToken'])
    try:
        out = subprocess.run([os.environ['ALICLI_BIN'], '--region', ctx.region, *args,
                              '--endpoint', ctx.endpoint], env=env, capture_output=True, timeout=60)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    check(out.returncode == 0, 'alicli %s failed (%d): %s' % (' '.join(args), out.returncode,
                                                             out.stderr.decode(errors='replace')))
    return out.stdout


def _alicli_signed_url(ctx, version, creds):
    ctx.ensure_jpg()
    url = alicli(ctx, 'oss', 'sign', 'oss://%s/%s' % (ctx.bucket_name, JPG_KEY), '--expires', '60',
                 '--sign-version', version, creds=creds).decode().strip()
    status, body = http_get(url)
    check(status == 200 and body == JPG_BYTES, 'alicli %s URL: %s %r' % (version, status, body[:200]))
    if creds is not None:
        check('security-token=' in url, 'the token travels in the URL')


def test_alicli_sign_url_v1_fetched_by_urllib(ctx):
    _alicli_signed_url(ctx, 'v1', None)


def test_alicli_sign_url_v4_fetched_by_urllib(ctx):
    _alicli_signed_url(ctx, 'v4', None)


def test_alicli_sign_url_v4_sts_fetched_by_urllib(ctx):
    _alicli_signed_url(ctx, 'v4', ctx.assume_role('interop-sign'))


def test_oss2_resumable_upload_and_download(ctx):
    tmp = tempfile.mkdtemp(prefix='oss2-resumable-')
    try:
        src = os.path.join(tmp, 'src.bin')
        data = os.urandom(3 * 1024 * 1024 + 7)
        with open(src, 'wb') as f:
            f.write(data)
        for version in (1, 4):
            bucket = ctx.user_bucket(version)
            key = 'resumable/oss2-v%d.bin' % version
            oss2.resumable_upload(bucket, key, src, multipart_threshold=1024 * 1024, part_size=256 * 1024,
                                  num_threads=2, store=oss2.ResumableStore(root=tmp))
            dst = os.path.join(tmp, 'dst-v%d.bin' % version)
            oss2.resumable_download(bucket, key, dst, multiget_threshold=1024 * 1024, part_size=256 * 1024,
                                    num_threads=2, store=oss2.ResumableDownloadStore(root=tmp))
            with open(dst, 'rb') as f:
                check(f.read() == data, 'v%d: oss2 resumable round trip differs' % version)
            # alicli reads what oss2 wrote in parts, ranged and verified by CRC-64.
            back = os.path.join(tmp, 'alicli-v%d.bin' % version)
            alicli(ctx, 'oss', 'get', 'oss://%s/%s' % (ctx.bucket_name, key), back,
                   '--multipart-threshold', '1M', '--part-size', '512K')
            with open(back, 'rb') as f:
                check(f.read() == data, 'v%d: alicli download of an oss2 multipart object differs' % version)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_alicli_multipart_read_by_oss2(ctx):
    tmp = tempfile.mkdtemp(prefix='alicli-multipart-')
    try:
        src = os.path.join(tmp, 'src.bin')
        data = os.urandom(2 * 1024 * 1024 + 3)
        with open(src, 'wb') as f:
            f.write(data)
        key = 'resumable/alicli.bin'
        alicli(ctx, 'oss', 'put', src, 'oss://%s/%s' % (ctx.bucket_name, key),
               '--multipart-threshold', '1M', '--part-size', '256K')
        result = ctx.user_bucket(4).get_object(key)
        check(result.read() == data, 'oss2 (with its CRC check) reads a different object')
        check(result.headers.get('x-oss-object-type') == 'Multipart', 'stored in parts')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_oss2_lists_objects_and_parts(ctx):
    bucket = ctx.user_bucket(4)
    bucket.put_object('listing/a.txt', b'a')
    bucket.put_object('listing/b/c.txt', b'c')
    result = bucket.list_objects(prefix='listing/', delimiter='/')
    check([o.key for o in result.object_list] == ['listing/a.txt'], 'objects: %r' % result.object_list)
    check(result.prefix_list == ['listing/b/'], 'prefixes: %r' % result.prefix_list)
    check(all(o.last_modified > 0 for o in result.object_list), 'listing dates parse')
    keys = [o.key for o in oss2.ObjectIteratorV2(bucket, prefix='listing/')]
    check(keys == ['listing/a.txt', 'listing/b/c.txt'], 'v2 keys: %r' % keys)
    upload_id = bucket.init_multipart_upload('listing/parts.bin').upload_id
    bucket.upload_part('listing/parts.bin', upload_id, 1, b'x' * 102400)
    parts = bucket.list_parts('listing/parts.bin', upload_id).parts
    check([p.part_number for p in parts] == [1] and parts[0].last_modified > 0, 'parts: %r' % parts)
    bucket.abort_multipart_upload('listing/parts.bin', upload_id)


def main():
    # Never send loopback traffic through a proxy from the environment.
    os.environ['NO_PROXY'] = os.environ['no_proxy'] = '127.0.0.1,localhost'
    tests = [(name[len('test_'):], fn) for name, fn in globals().items()
             if name.startswith('test_') and callable(fn)]
    only = sys.argv[1:]
    if only:
        tests = [(n, f) for n, f in tests if any(o in n for o in only)]

    cloud = LocalCloud()

    def on_signal(signum, _frame):
        cloud.stop()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, on_signal)
    passed = failed = 0
    try:
        try:
            seed = cloud.start()
        except Exception as e:
            print('local cloud: FAILED: %s' % describe(e))
            print('0 passed, 1 failed')
            return 1
        print('local cloud at %s (region %s, bucket %s)' % (seed['endpoint'], seed['region'],
                                                              seed['bucket']))
        ctx = Ctx(seed)
        for name, fn in tests:
            started = time.monotonic()
            try:
                fn(ctx)
            except Exception as e:
                failed += 1
                print('%s: FAILED: %s' % (name, describe(e)))
                if os.environ.get('INTEROP_TRACEBACK'):
                    traceback.print_exc()
            else:
                passed += 1
                print('%s: ok (%.2fs)' % (name, time.monotonic() - started))
            sys.stdout.flush()
            if cloud.proc.poll() is not None:
                print('local cloud exited (rc=%s); stderr: %s' % (cloud.proc.returncode,
                                                                   cloud.stderr_tail()))
                failed += 1
                break
    finally:
        cloud.stop()
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
