#!/usr/bin/env python3
"""Interop suite: Alibaba Cloud's official Python SDKs against `alicli serve`.

Every signature here is computed by the official SDKs (oss2, alibabacloud-oss-v2,
aliyun-python-sdk-core, aliyun-python-sdk-sts, and for STS signature V3 alibabacloud-sts20150401
over alibabacloud-tea-openapi); this file contains no signing code.  The local cloud verifies them
with the same code alicli signs with, so a pass means alicli and the SDKs agree.  The other way
round, alicli's V3 requests are checked by a small server here that recomputes their signature
with the official alibabacloud-openapi-util.

Run through run.sh (which prepares the venv), or directly with a Python that has the pinned
SDKs installed.  The binary is $ALICLI_BIN, else <repo>/target/release/alicli.
Prints one line per test and ends with "N passed, M failed"; exits 1 if any test failed.
"""

import datetime
import email.utils
import http.server
import inspect
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

import alibabacloud_oss_v2 as ossv2
import oss2
from alibabacloud_credentials.client import Client as CredentialClient
from alibabacloud_credentials.models import Config as CredentialConfig
from alibabacloud_openapi_util.client import Client as OpenApiUtil
from alibabacloud_sts20150401 import models as sts_models
from alibabacloud_sts20150401.client import Client as StsV3Client
from alibabacloud_tea_openapi import exceptions as openapi_exceptions
from alibabacloud_tea_openapi.utils_models import Config as OpenApiConfig
from Tea.request import TeaRequest
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


# --------------------------------------------------------------------------- tests: STS signature V3

V3 = 'ACS3-HMAC-SHA256'


def sts_v3_client(ctx, ak=None, sk=None, token=None):
    """The official V3 STS client (alibabacloud-sts20150401 over alibabacloud-tea-openapi),
    pointed at the local cloud over plain http and told to sign ACS3-HMAC-SHA256 (its default,
    named here so that a change of default cannot turn this test into a v1 test)."""
    return StsV3Client(OpenApiConfig(
        access_key_id=ak or ctx.ak, access_key_secret=sk or ctx.sk, security_token=token,
        endpoint=ctx.hostport, protocol='http', region_id=ctx.region,
        signature_algorithm=V3, read_timeout=TIMEOUT * 1000, connect_timeout=TIMEOUT * 1000))


def v3_assume_role_request(ctx, session_name):
    return sts_models.AssumeRoleRequest(role_arn=ctx.role_arn, role_session_name=session_name,
                                        policy=NARROW_POLICY, duration_seconds=900)


def test_sts_v3_official_client_assume_role(ctx):
    before = ctx.stats().get('sts-signature:v3', 0)
    resp = sts_v3_client(ctx).assume_role(v3_assume_role_request(ctx, 'interop-v3'))
    check(resp.status_code == 200, 'status %s' % resp.status_code)
    body = resp.body
    check(body.assumed_role_user.arn.endswith('role/oss-readonly/interop-v3'),
          'AssumedRoleUser.Arn %r' % body.assumed_role_user.arn)
    creds = body.credentials
    check(creds.access_key_id.startswith('STS.') and creds.security_token,
          'credentials %r' % creds.access_key_id)
    after = ctx.stats().get('sts-signature:v3', 0)
    check(after == before + 1, 'the local cloud verified %d -> %d V3 calls' % (before, after))
    # The credentials it returned work for OSS, and for a V3 call with their token.
    ctx.ensure_jpg()
    got = ctx.sts_bucket({'AccessKeyId': creds.access_key_id,
                          'AccessKeySecret': creds.access_key_secret,
                          'SecurityToken': creds.security_token}, 4).get_object(JPG_KEY).read()
    check(got == JPG_BYTES, 'OSS with the V3-issued credentials: %r' % got[:60])
    who = sts_v3_client(ctx, creds.access_key_id, creds.access_key_secret,
                        creds.security_token).get_caller_identity().body
    check(who.identity_type == 'AssumedRoleUser' and who.arn.endswith('/interop-v3'),
          'GetCallerIdentity with the token: %r %r' % (who.identity_type, who.arn))


def test_sts_v3_official_client_get_caller_identity(ctx):
    who = sts_v3_client(ctx).get_caller_identity().body
    check(who.identity_type == 'RAMUser', 'IdentityType %r' % who.identity_type)
    check(who.account_id == ctx.seed['account_id'], 'AccountId %r' % who.account_id)


def test_sts_v3_official_client_wrong_secret(ctx):
    try:
        sts_v3_client(ctx, sk=ctx.sk + 'x').assume_role(v3_assume_role_request(ctx, 'v3-bad'))
    except openapi_exceptions.ClientException as e:
        check(e.status_code == 400 and e.code == 'SignatureDoesNotMatch',
              'expected 400 SignatureDoesNotMatch, got %s %s: %s'
              % (e.status_code, e.code, e.message))
        return
    raise Failure('AssumeRole signed with a wrong secret succeeded')


def test_alibabacloud_credentials_imports(ctx):
    """The credentials library installs and answers a static key without any network."""
    cred = CredentialClient(CredentialConfig(type='access_key', access_key_id=ctx.ak,
                                             access_key_secret=ctx.sk)).get_credential()
    check(cred.access_key_id == ctx.ak and cred.access_key_secret == ctx.sk,
          'credential %r' % cred.access_key_id)


# --------------------------------------------------------------------------- keyless sources


def _mint_oidc_token(ctx, query=''):
    req = urllib.request.Request(ctx.endpoint + '/-/oidc/token' + query, data=b'', method='POST')
    with urllib.request.urlopen(req, timeout=TIMEOUT) as r:
        return json.loads(r.read())['token']


def _check_temporary(ctx, ak, sk, token, what):
    """Credentials from a keyless source are real: the official V3 STS client, signed with
    them, is told who they belong to."""
    who = sts_v3_client(ctx, ak=ak, sk=sk, token=token).get_caller_identity().body
    check(who.identity_type == 'AssumedRoleUser', '%s: IdentityType %r' % (what, who.identity_type))
    return who


def test_credentials_library_reads_the_local_credentials_uri(ctx):
    """alibabacloud-credentials' URI provider reads `alicli serve`'s credentials URI."""
    from alibabacloud_credentials.provider.uri import URLCredentialsProvider
    before = ctx.stats().get('credentials-uri', 0)
    c = URLCredentialsProvider(uri=ctx.seed['credentials_uri']).get_credentials()
    check(c.get_access_key_id().startswith('STS.'), 'AccessKeyId %r' % c.get_access_key_id())
    check(ctx.stats().get('credentials-uri', 0) == before + 1, 'one GET of the URI')
    _check_temporary(ctx, c.get_access_key_id(), c.get_access_key_secret(),
                     c.get_security_token(), 'credentials URI')


class _OneAnswer(http.server.BaseHTTPRequestHandler):
    """Serves one fixed body to every GET: alicli's export, standing in for a credentials URI."""
    body = b''

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.send_response(200)
        self.send_header('Content-Type', 'application/json')
        self.send_header('Content-Length', str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)


def test_credentials_library_reads_alicli_export_as_a_credentials_uri(ctx):
    """`alicli configure export-credentials --format json` is what the official URI provider
    expects: served as is, it gives the same temporary credentials."""
    from alibabacloud_credentials.provider.uri import URLCredentialsProvider
    creds = ctx.assume_role('interop-export')
    env = {k: v for k, v in os.environ.items() if not k.startswith(('ALICLI_', 'ALIBABA_CLOUD_', 'OSS_'))}
    tmp = tempfile.mkdtemp(prefix='alicli-interop-')
    env.update(ALICLI_CONFIG_FILE=os.path.join(tmp, 'config.toml'),
               ALIBABA_CLOUD_ACCESS_KEY_ID=creds['AccessKeyId'],
               ALIBABA_CLOUD_ACCESS_KEY_SECRET=creds['AccessKeySecret'],
               ALIBABA_CLOUD_SECURITY_TOKEN=creds['SecurityToken'],
               ALICLI_CREDENTIALS_EXPIRATION=creds['Expiration'])
    try:
        out = subprocess.run([os.environ['ALICLI_BIN'], 'configure', 'export-credentials',
                              '--format', 'json'], env=env, capture_output=True, timeout=60)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    check(out.returncode == 0, 'export failed: %s' % out.stderr.decode(errors='replace'))
    handler = type('Export', (_OneAnswer,), {'body': out.stdout})
    server = http.server.HTTPServer(('127.0.0.1', 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        c = URLCredentialsProvider(uri='http://127.0.0.1:%d/creds' % server.server_port).get_credentials()
    finally:
        server.shutdown()
        server.server_close()
    check(c.get_access_key_id() == creds['AccessKeyId'], 'AccessKeyId %r' % c.get_access_key_id())
    check(c.get_security_token() == creds['SecurityToken'], 'the token came through')


def test_credentials_library_runs_alicli_as_its_external_process(ctx):
    """The official External provider runs `alicli configure export-credentials --format
    process` and takes what it prints."""
    from alibabacloud_credentials.provider.external import ExternalCredentialsProvider
    creds = ctx.assume_role('interop-process')
    tmp = tempfile.mkdtemp(prefix='alicli-interop-')
    saved = dict(os.environ)
    try:
        for k in list(os.environ):
            if k.startswith(('ALICLI_', 'ALIBABA_CLOUD_', 'OSS_')):
                del os.environ[k]
        os.environ.update(ALICLI_CONFIG_FILE=os.path.join(tmp, 'config.toml'),
                          ALIBABA_CLOUD_ACCESS_KEY_ID=creds['AccessKeyId'],
                          ALIBABA_CLOUD_ACCESS_KEY_SECRET=creds['AccessKeySecret'],
                          ALIBABA_CLOUD_SECURITY_TOKEN=creds['SecurityToken'],
                          ALICLI_CREDENTIALS_EXPIRATION=creds['Expiration'])
        command = '%s configure export-credentials --format process' % os.environ.get('ALICLI_BIN', saved['ALICLI_BIN'])
        c = ExternalCredentialsProvider(process_command=command).get_credentials()
    finally:
        os.environ.clear()
        os.environ.update(saved)
        shutil.rmtree(tmp, ignore_errors=True)
    check(c.get_access_key_id() == creds['AccessKeyId'], 'AccessKeyId %r' % c.get_access_key_id())
    check(c.get_security_token() == creds['SecurityToken'], 'StsToken mode carried the token')


def test_credentials_library_oidc_provider_against_alicli_serve(ctx):
    """alibabacloud-credentials' OIDC provider assumes the seeded OIDC role at `alicli serve`
    with a token from its issuer. The library only speaks https to STS, so its one request is
    sent over plain http to the loopback cloud; what it sends (an anonymous AssumeRoleWithOIDC)
    is the library's own."""
    import alibabacloud_credentials.provider.oidc as oidc_module
    from Tea.core import TeaCore
    token_file = os.path.join(tempfile.mkdtemp(prefix='alicli-interop-'), 'token')
    with open(token_file, 'w') as f:
        f.write(_mint_oidc_token(ctx))

    class PlainHttp(TeaCore):
        @staticmethod
        def do_action(request, runtime_option=None):
            request.protocol = 'http'
            return TeaCore.do_action(request, runtime_option)

    before = ctx.stats().get('sts:AssumeRoleWithOIDC', 0)
    oidc_module.TeaCore = PlainHttp
    try:
        c = oidc_module.OIDCRoleArnCredentialsProvider(
            role_arn=ctx.seed['oidc_role_arn'], oidc_provider_arn=ctx.seed['oidc_provider_arn'],
            oidc_token_file_path=token_file, role_session_name='interop-oidc',
            sts_endpoint=ctx.hostport).get_credentials()
    finally:
        oidc_module.TeaCore = TeaCore
        shutil.rmtree(os.path.dirname(token_file), ignore_errors=True)
    check(ctx.stats().get('sts:AssumeRoleWithOIDC', 0) == before + 1, 'one AssumeRoleWithOIDC')
    who = _check_temporary(ctx, c.get_access_key_id(), c.get_access_key_secret(),
                           c.get_security_token(), 'OIDC')
    check('ci-deploy' in who.arn, 'Arn %r' % who.arn)


class V3Checker(http.server.BaseHTTPRequestHandler):
    """Answers an AssumeRole only if its V3 signature is what alibabacloud-openapi-util computes
    from the request as it arrived; otherwise STS's SignatureDoesNotMatch."""

    secret = None
    seen = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        body = self.rfile.read(int(self.headers.get('Content-Length') or 0))
        auth = self.headers.get('Authorization', '')
        signed = []
        for part in auth[len(V3) + 1:].split(','):
            key, _, value = part.strip().partition('=')
            if key == 'SignedHeaders':
                signed = value.split(';')
            elif key == 'Credential':
                access_key_id = value
        request = TeaRequest()
        request.method = self.command
        request.pathname = url.path
        request.query = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        request.headers = {name: self.headers.get(name, '') for name in signed}
        payload = OpenApiUtil.hex_encode(OpenApiUtil.hash(body, V3))
        expected = OpenApiUtil.get_authorization(request, V3, payload, access_key_id,
                                                 self.secret)
        ok = (auth == expected and self.headers.get('x-acs-content-sha256') == payload
              and set(signed) >= {'host', 'x-acs-action', 'x-acs-version', 'x-acs-date',
                                  'x-acs-signature-nonce', 'x-acs-content-sha256'})
        V3Checker.seen.append({'ok': ok, 'headers': dict(self.headers.items()),
                               'query': request.query, 'body': body})
        if ok and self.headers.get('x-acs-action') == 'AssumeRole':
            expiration = (datetime.datetime.now(datetime.timezone.utc)
                          + datetime.timedelta(seconds=900)).strftime('%Y-%m-%dT%H:%M:%SZ')
            status, answer = 200, {
                'RequestId': 'V3-CHECKED',
                'AssumedRoleUser': {
                    'Arn': request.query.get('RoleArn', '') + '/'
                           + request.query.get('RoleSessionName', ''),
                    'AssumedRoleId': '300000000000000001:' + request.query.get('RoleSessionName', ''),
                },
                'Credentials': {'AccessKeyId': 'STS.V3checked', 'AccessKeySecret': 'v3-secret-xyz',
                                'SecurityToken': 'CAIS' + 'v3' * 40, 'Expiration': expiration},
            }
        else:
            status, answer = 400, {'RequestId': 'V3-REFUSED', 'HostId': 'sts.aliyuncs.com',
                                   'Code': 'SignatureDoesNotMatch',
                                   'Message': 'Specified signature does not match our calculation.'}
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header('Content-Type', 'application/json;charset=utf-8')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def _alicli_v3_against_checker(secret_known_to_server, token=None):
    """Runs alicli's V3 AssumeRole against a V3Checker; returns (completed process, what the
    checker saw)."""
    V3Checker.secret = secret_known_to_server
    V3Checker.seen = []
    server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), V3Checker)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    tmp = tempfile.mkdtemp(prefix='alicli-interop-')
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(('ALICLI_', 'ALIBABA_CLOUD_', 'OSS_'))}
    env.update(ALICLI_CONFIG_FILE=os.path.join(tmp, 'config.toml'),
               ALICLI_CACHE_DIR=os.path.join(tmp, 'cache'),
               ALIBABA_CLOUD_ACCESS_KEY_ID='LTAI5tV3interopKey',
               ALIBABA_CLOUD_ACCESS_KEY_SECRET='v3-interop-secret/+=')
    if token is not None:
        env['ALIBABA_CLOUD_SECURITY_TOKEN'] = token
    try:
        out = subprocess.run(
            [os.environ['ALICLI_BIN'], 'sts', 'assume-role',
             '--endpoint', 'http://127.0.0.1:%d' % server.server_address[1],
             '--sts-signature-version', 'v3', '--output', 'json',
             '--role-arn', 'acs:ram::1234567890123456:role/oss-readonly',
             '--role-session-name', 'interop-v3-checked',
             '--policy', NARROW_POLICY, '--duration-seconds', '900'],
            env=env, capture_output=True, timeout=60)
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(tmp, ignore_errors=True)
    return out, V3Checker.seen


def test_alicli_v3_assume_role_checked_by_official_util(ctx):
    out, seen = _alicli_v3_against_checker('v3-interop-secret/+=')
    check(out.returncode == 0, 'alicli failed (%d): %s' % (out.returncode,
                                                          out.stderr.decode(errors='replace')))
    check(len(seen) == 1 and seen[0]['ok'], 'the official util disagreed: %r' % seen)
    check(seen[0]['query'].get('Policy') == NARROW_POLICY and seen[0]['body'] == b'',
          'parameters: %r, body %r' % (seen[0]['query'], seen[0]['body']))
    creds = json.loads(out.stdout)['Credentials']
    check(creds['AccessKeyId'] == 'STS.V3checked', 'answer %r' % creds)


def test_alicli_v3_with_token_checked_by_official_util(ctx):
    token = 'CAIStemporary' + 'T' * 300
    out, seen = _alicli_v3_against_checker('v3-interop-secret/+=', token=token)
    check(out.returncode == 0, 'alicli failed (%d): %s' % (out.returncode,
                                                          out.stderr.decode(errors='replace')))
    check(len(seen) == 1 and seen[0]['ok'], 'the official util disagreed: %r' % seen)
    headers = {k.lower(): v for k, v in seen[0]['headers'].items()}
    check(headers.get('x-acs-security-token') == token, 'token header %r'
          % headers.get('x-acs-security-token'))
    check(token not in json.dumps(seen[0]['query']), 'the token travelled in the URL')


def test_alicli_v3_refused_when_the_official_util_disagrees(ctx):
    """The checker really checks: with another secret it refuses, and alicli says why (exit 3)."""
    out, seen = _alicli_v3_against_checker('not-the-secret')
    check(len(seen) == 1 and not seen[0]['ok'], 'the checker accepted a wrong secret')
    check(out.returncode == 3 and b'SignatureDoesNotMatch' in out.stderr,
          'alicli exit %d: %s' % (out.returncode, out.stderr.decode(errors='replace')))


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
    if isinstance(e, openapi_exceptions.AlibabaCloudException):
        return '%s status=%s code=%s message=%s' % (type(e).__name__, e.status_code, e.code,
                                                    e.message)
    se = v2_service_error(e)
    if se is not None:
        return 'v2 ServiceError status=%s code=%s message=%s' % (se.status_code, se.code,
                                                                se.message)
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


# --------------------------------------------------------------------------- done right, or refused
#
# The local cloud's rule: a request is either carried out as OSS would, or refused with 501
# NotImplemented; never answered with a success that did something else (a CopyObject that
# stored an empty object, a GET with ?acl that sent the object's bytes).  The walks below go
# through every public operation of the v2 SDK's Client and of oss2's Bucket: each is in exactly
# one table (checked done right, expected refused, or out of scope with the reason), so a new
# SDK operation fails test_*_walk_is_complete until someone classifies it.

WALK = 'walk/'  # keys the walks may create; checked afterwards for what refused calls left


def v2_client(ctx, version='v4', attempts=None):
    cfg = ossv2.config.load_default()
    cfg.credentials_provider = ossv2.credentials.StaticCredentialsProvider(ctx.ak, ctx.sk)
    cfg.region = ctx.region
    cfg.endpoint = ctx.endpoint
    cfg.use_path_style = True  # an IP endpoint has no bucket subdomains
    cfg.signature_version = version
    if attempts is None:
        cfg.retryer = ossv2.retry.NopRetryer()  # a refusal must show as it is, not after retries
    else:
        cfg.retry_max_attempts = attempts
    cfg.connect_timeout = TIMEOUT
    cfg.readwrite_timeout = TIMEOUT
    return ossv2.Client(cfg)


def v2_service_error(e):
    """The ServiceError inside whatever the v2 SDK raised (OperationError, or a helper's own
    error wrapping one), or None."""
    seen = set()
    while e is not None and id(e) not in seen:
        seen.add(id(e))
        if isinstance(e, ossv2.exceptions.ServiceError):
            return e
        inner = e.unwrap() if hasattr(e, 'unwrap') else None
        if inner is e:
            inner = None
        e = inner or getattr(e, 'error', None) or e.__cause__ or e.__context__
    return None


def v2_expect(fn, status, code, what):
    try:
        fn()
    except Exception as e:
        se = v2_service_error(e)
        check(se is not None, '%s: raised %s, not a service error' % (what, describe(e)))
        check((se.status_code, se.code) == (status, code),
              '%s: expected %d %s, got %s %s: %s' % (what, status, code, se.status_code, se.code,
                                                    se.message))
        return se
    raise Failure('%s: expected %d %s, but it succeeded' % (what, status, code))


def v2_refused(fn, what):
    return v2_expect(fn, 501, 'NotImplemented', what)


def oss2_refused(fn, what):
    try:
        fn()
    except oss2.exceptions.ServerError as e:
        check((e.status, e.code) == (501, 'NotImplemented'),
              '%s: expected 501 NotImplemented, got %d %s: %s' % (what, e.status, e.code, e.message))
        return
    raise Failure('%s succeeded but the local cloud does not implement it' % what)


def walk_keys(ctx):
    return sorted(o.key for o in oss2.ObjectIteratorV2(ctx.user_bucket(4), prefix=WALK))


def v2_get(c, ctx, key, **kw):
    return c.get_object(ossv2.GetObjectRequest(bucket=ctx.bucket_name, key=key, **kw))


# ---- v2 SDK: what is done right


def _v2_objects(ctx, c, version):
    b, key = ctx.bucket_name, WALK + 'v2/object a+b%.txt'
    data = b'v2 object bytes \x00\x01'
    put = c.put_object(ossv2.PutObjectRequest(bucket=b, key=key, body=data, content_type='text/csv',
                                              metadata={'color': 'blue'}, acl='default',
                                              storage_class='Standard'))
    check(put.status_code == 200 and put.hash_crc64, 'put %r' % put)
    got = v2_get(c, ctx, key)
    check(got.body.read() == data, 'get bytes')
    check(got.content_type == 'text/csv' and got.metadata.get('color') == 'blue',
          'get headers %r %r' % (got.content_type, got.metadata))
    head = c.head_object(ossv2.HeadObjectRequest(bucket=b, key=key))
    check(head.content_length == len(data) and head.etag == put.etag, 'head %r' % head)
    meta = c.get_object_meta(ossv2.GetObjectMetaRequest(bucket=b, key=key))
    check(meta.content_length == len(data) and meta.etag == put.etag and meta.last_modified,
          'get_object_meta %r' % meta)
    check(c.is_object_exist(b, key) and not c.is_object_exist(b, key + '.missing'), 'is_object_exist')
    check(c.is_bucket_exist(b) and not c.is_bucket_exist('no-such-bucket-here'), 'is_bucket_exist')
    v2_expect(lambda: c.put_object(ossv2.PutObjectRequest(bucket=b, key=key, body=b'x',
                                                          forbid_overwrite=True)),
              409, 'FileAlreadyExists', 'forbid_overwrite')
    # Storage classes are kept; an archived object is described but its bytes wait for a
    # restore (which the local cloud refuses).
    for cls in ('IA', 'Archive'):
        kept = WALK + 'v2/class-' + cls
        c.put_object(ossv2.PutObjectRequest(bucket=b, key=kept, body=b'x', storage_class=cls))
        got = c.head_object(ossv2.HeadObjectRequest(bucket=b, key=kept)).storage_class
        check(got == cls, 'head_object storage_class %r, not %s' % (got, cls))
        if cls == 'IA':
            check(v2_get(c, ctx, kept).body.read() == b'x', 'get_object IA')
        else:
            v2_expect(lambda: v2_get(c, ctx, kept), 403, 'InvalidObjectState', 'get_object Archive')
        c.delete_object(ossv2.DeleteObjectRequest(bucket=b, key=kept))
    # Headers that would change what PutObject means are refused, and nothing is stored.
    for field, value in (('server_side_encryption', 'AES256'), ('tagging', 'a=b'),
                         ('callback', 'eyJjYWxsYmFja1VybCI6Imh0dHA6Ly8xMjcuMC4wLjE6MS8ifQ==')):
        target = WALK + 'v2/refused-' + field
        v2_refused(lambda: c.put_object(ossv2.PutObjectRequest(bucket=b, key=target, body=b'x',
                                                               **{field: value})),
                   'put_object %s=%s' % (field, value))
        check(not c.is_object_exist(b, target), 'refused put_object %s stored something' % field)
    if version == 'v4':
        # Under v1 the SDK leaves x-oss-process out of the string to sign, where alicli's signer
        # (so the local cloud) puts it: SignatureDoesNotMatch before the refusal could show.
        v2_refused(lambda: v2_get(c, ctx, key, process='image/info'), 'get_object process')
    c.delete_object(ossv2.DeleteObjectRequest(bucket=b, key=key))
    v2_expect(lambda: v2_get(c, ctx, key), 404, 'NoSuchKey', 'get after delete')


def _v2_conditions_and_ranges(ctx, c, version):
    key = WALK + 'v2/ranged.bin'
    data = bytes(range(256)) * 4
    etag = c.put_object(ossv2.PutObjectRequest(bucket=ctx.bucket_name, key=key, body=data)).etag
    part = v2_get(c, ctx, key, range_header='bytes=10-99')
    check(part.status_code == 206 and part.body.read() == data[10:100], 'range')
    check(part.content_range == 'bytes 10-99/1024', 'content-range %r' % part.content_range)
    tail = v2_get(c, ctx, key, range_header='bytes=-24')
    check(tail.body.read() == data[-24:], 'suffix range')
    # An end past the object: ignored by default (whole object), cut under standard behaviour.
    whole = v2_get(c, ctx, key, range_header='bytes=1000-5000')
    check(whole.status_code == 200 and whole.body.read() == data, 'default range behaviour')
    cut = v2_get(c, ctx, key, range_header='bytes=1000-5000', range_behavior='standard')
    check(cut.status_code == 206 and cut.body.read() == data[1000:], 'standard range behaviour')
    v2_expect(lambda: v2_get(c, ctx, key, range_header='bytes=2000-', range_behavior='standard'),
              416, 'InvalidRange', 'range past the end')
    check(v2_get(c, ctx, key, if_match=etag).body.read() == data, 'If-Match')
    v2_expect(lambda: v2_get(c, ctx, key, if_match='"0123456789ABCDEF0123456789ABCDEF"'),
              412, 'PreconditionFailed', 'If-Match, other ETag')
    try:
        v2_get(c, ctx, key, if_none_match=etag)
        raise Failure('If-None-Match with the current ETag sent the object')
    except Failure:
        raise
    except Exception as e:
        se = v2_service_error(e)
        check(se is not None and se.status_code == 304, 'If-None-Match: %s' % describe(e))
    modified = c.head_object(ossv2.HeadObjectRequest(bucket=ctx.bucket_name, key=key)).last_modified
    # HTTP dates, as the headers want them (the SDK passes a datetime on as its str()).
    past = email.utils.format_datetime(
        (modified - datetime.timedelta(minutes=5)).astimezone(datetime.timezone.utc), usegmt=True)
    v2_expect(lambda: v2_get(c, ctx, key, if_unmodified_since=past), 412, 'PreconditionFailed',
              'If-Unmodified-Since')
    check(v2_get(c, ctx, key, if_modified_since=past).body.read() == data, 'If-Modified-Since')


def _v2_listings(ctx, c, version):
    prefix = WALK + 'v2/list/'
    keys = [prefix + k for k in ('a', 'b/1', 'b/2', 'c d+e%', 'ctl\x01', '文件')]
    for k in keys:
        c.put_object(ossv2.PutObjectRequest(bucket=ctx.bucket_name, key=k, body=b'x'))
    # Both versions, paged two at a time; the SDK asks for encoding-type=url and decodes.
    v1 = c.list_objects_paginator(limit=2).iter_page(
        ossv2.ListObjectsRequest(bucket=ctx.bucket_name, prefix=prefix))
    v1_pages = list(v1)
    got = [o.key for p in v1_pages for o in (p.contents or [])]
    check(got == sorted(keys), 'v1 keys %r' % got)
    check(len(v1_pages) == 3 and v1_pages[0].next_marker, 'v1 paging %d' % len(v1_pages))
    v2 = c.list_objects_v2_paginator(limit=2).iter_page(
        ossv2.ListObjectsV2Request(bucket=ctx.bucket_name, prefix=prefix))
    got = [o.key for p in v2 for o in (p.contents or [])]
    check(got == sorted(keys), 'v2 keys %r' % got)
    listed = c.list_objects(ossv2.ListObjectsRequest(bucket=ctx.bucket_name, prefix=prefix,
                                                     delimiter='/'))
    check([p.prefix for p in listed.common_prefixes] == [prefix + 'b/'], 'common prefixes')
    listed = c.list_objects_v2(ossv2.ListObjectsV2Request(bucket=ctx.bucket_name, prefix=prefix,
                                                          start_after=prefix + 'b/2'))
    check([o.key for o in listed.contents] == sorted(keys)[3:], 'start_after')
    for k in keys:
        c.delete_object(ossv2.DeleteObjectRequest(bucket=ctx.bucket_name, key=k))


def _v2_multipart(ctx, c, version):
    b, key = ctx.bucket_name, WALK + 'v2/multi part.bin'
    parts_data = [os.urandom(100 * 1024), os.urandom(100 * 1024), b'tail']
    up = c.initiate_multipart_upload(ossv2.InitiateMultipartUploadRequest(bucket=b, key=key))
    check(up.key == key, 'initiate key %r' % up.key)
    parts = []
    for n, d in enumerate(parts_data, 1):
        r = c.upload_part(ossv2.UploadPartRequest(bucket=b, key=key, upload_id=up.upload_id,
                                                  part_number=n, body=d))
        parts.append(ossv2.UploadPart(part_number=n, etag=r.etag))
    listed = [p.part_number for page in c.list_parts_paginator(limit=1).iter_page(
        ossv2.ListPartsRequest(bucket=b, key=key, upload_id=up.upload_id)) for p in page.parts]
    check(listed == [1, 2, 3], 'list_parts %r' % listed)
    done = c.complete_multipart_upload(ossv2.CompleteMultipartUploadRequest(
        bucket=b, key=key, upload_id=up.upload_id,
        complete_multipart_upload=ossv2.CompleteMultipartUpload(parts=parts)))
    check(done.key == key, 'complete key %r' % done.key)
    check(v2_get(c, ctx, key).body.read() == b''.join(parts_data), 'multipart bytes')
    gone = c.initiate_multipart_upload(ossv2.InitiateMultipartUploadRequest(bucket=b, key=key))
    c.abort_multipart_upload(ossv2.AbortMultipartUploadRequest(bucket=b, key=key,
                                                              upload_id=gone.upload_id))
    v2_expect(lambda: c.list_parts(ossv2.ListPartsRequest(bucket=b, key=key,
                                                          upload_id=gone.upload_id)),
              404, 'NoSuchUpload', 'list_parts after abort')
    c.delete_object(ossv2.DeleteObjectRequest(bucket=b, key=key))


def _v2_helpers(ctx, c, version):
    b = ctx.bucket_name
    tmp = tempfile.mkdtemp(prefix='ossv2-')
    try:
        src = os.path.join(tmp, 'src.bin')
        data = os.urandom(700 * 1024 + 3)
        with open(src, 'wb') as f:
            f.write(data)
        key = WALK + 'v2/uploaded.bin'
        c.uploader(part_size=200 * 1024, parallel_num=2).upload_file(
            ossv2.PutObjectRequest(bucket=b, key=key), filepath=src)
        check(v2_get(c, ctx, key).body.read() == data, 'uploader')
        dst = os.path.join(tmp, 'dst.bin')
        c.downloader(part_size=200 * 1024, parallel_num=2).download_file(
            ossv2.GetObjectRequest(bucket=b, key=key), filepath=dst)
        with open(dst, 'rb') as f:
            check(f.read() == data, 'downloader')
        with c.open_file(b, key) as f:
            f.seek(100)
            check(f.read(50) == data[100:150], 'open_file read')
        small = WALK + 'v2/from-file.bin'
        c.put_object_from_file(ossv2.PutObjectRequest(bucket=b, key=small), src)
        # get_object_to_file makes attempts-1 tries (1.4.1): with the NopRetryer, none at all.
        v2_client(ctx, version, attempts=2).get_object_to_file(
            ossv2.GetObjectRequest(bucket=b, key=small), dst + '.2')
        with open(dst + '.2', 'rb') as f:
            check(f.read() == data, 'put_object_from_file / get_object_to_file')
        url = c.presign(ossv2.GetObjectRequest(bucket=b, key=small)).url
        status, body = http_get(url)
        check(status == 200 and body == data, 'presign: %d' % status)
        out = c.invoke_operation(ossv2.OperationInput(op_name='GetObject', method='GET', bucket=b,
                                                      key=small))
        check(out.http_response.content == data, 'invoke_operation')
        for k in (key, small):
            c.delete_object(ossv2.DeleteObjectRequest(bucket=b, key=k))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _v2_copies_and_batch_delete(ctx, c, version):
    """CopyObject (COPY and REPLACE metadata, forbid_overwrite), the copier, UploadPartCopy with
    a range, and DeleteMultipleObjects: the bytes and metadata that arrive, the objects gone."""
    b = ctx.bucket_name
    src, dst, moved = WALK + 'v2/copy src.txt', WALK + 'v2/copy dst.txt', WALK + 'v2/moved.txt'
    data = b'v2 copy source \x00 bytes'
    c.put_object(ossv2.PutObjectRequest(bucket=b, key=src, body=data, content_type='text/csv',
                                        cache_control='no-cache', metadata={'color': 'blue'}))
    copied = c.copy_object(ossv2.CopyObjectRequest(bucket=b, key=dst, source_key=src))
    got = v2_get(c, ctx, dst)
    check(got.body.read() == data and got.etag == copied.etag, 'copy bytes %r' % copied)
    check(got.content_type == 'text/csv' and got.cache_control == 'no-cache'
          and got.metadata.get('color') == 'blue', 'COPY metadata %r %r' % (got.content_type,
                                                                           got.metadata))
    c.copy_object(ossv2.CopyObjectRequest(bucket=b, key=moved, source_bucket=b, source_key=src,
                                          metadata_directive='REPLACE', content_type='text/plain',
                                          metadata={'shape': 'round'}))
    got = v2_get(c, ctx, moved)
    check(got.body.read() == data and got.content_type == 'text/plain'
          and got.metadata.get('shape') == 'round' and 'color' not in got.metadata
          and not got.cache_control, 'REPLACE metadata %r %r' % (got.content_type, got.metadata))
    v2_expect(lambda: c.copy_object(ossv2.CopyObjectRequest(
        bucket=b, key=moved, source_key=src, forbid_overwrite=True)), 409, 'FileAlreadyExists',
        'copy_object forbid_overwrite')
    v2_expect(lambda: c.copy_object(ossv2.CopyObjectRequest(
        bucket=b, key=moved, source_key=src, if_match='"0000"')), 412, 'PreconditionFailed',
        'copy_object if_match')
    by_copier = WALK + 'v2/by-copier.txt'
    c.copier().copy(ossv2.CopyObjectRequest(bucket=b, key=by_copier, source_key=src))
    check(v2_get(c, ctx, by_copier).body.read() == data, 'copier')
    joined = WALK + 'v2/part-copy.bin'
    up = c.initiate_multipart_upload(ossv2.InitiateMultipartUploadRequest(bucket=b, key=joined))
    part = c.upload_part_copy(ossv2.UploadPartCopyRequest(
        bucket=b, key=joined, upload_id=up.upload_id, part_number=1, source_key=src,
        source_range='bytes=3-8'))
    c.complete_multipart_upload(ossv2.CompleteMultipartUploadRequest(
        bucket=b, key=joined, upload_id=up.upload_id,
        complete_multipart_upload=ossv2.CompleteMultipartUpload(
            parts=[ossv2.UploadPart(part_number=1, etag=part.etag)])))
    check(v2_get(c, ctx, joined).body.read() == data[3:9], 'upload_part_copy range')
    keys = [src, dst, moved, by_copier, joined, WALK + 'v2/never existed']
    quiet = c.delete_multiple_objects(ossv2.DeleteMultipleObjectsRequest(
        bucket=b, objects=[ossv2.DeleteObject(key=keys[0])], quiet=True))
    check(not quiet.deleted_objects, 'quiet delete listed %r' % quiet.deleted_objects)
    result = c.delete_multiple_objects(ossv2.DeleteMultipleObjectsRequest(
        bucket=b, objects=[ossv2.DeleteObject(key=k) for k in keys[1:]]))
    listed = sorted(d.key for d in result.deleted_objects)
    check(listed == sorted(keys[1:]), 'delete_multiple_objects listed %r' % listed)
    left = [k for k in keys if c.is_object_exist(b, k)]
    check(not left, 'delete_multiple_objects left %r' % left)


def _v2_object_acls(ctx, c, version):
    """put_object_acl and get_object_acl: the ACL a write gave, then each one set and read back,
    the bytes untouched."""
    b, key = ctx.bucket_name, WALK + 'v2/acl object.txt'

    def acl_of(k):
        return c.get_object_acl(ossv2.GetObjectAclRequest(bucket=b, key=k))

    c.put_object(ossv2.PutObjectRequest(bucket=b, key=key, body=b'acl bytes', acl='private'))
    got = acl_of(key)
    check(got.acl == 'private' and got.owner is not None and got.owner.id,
          'get_object_acl %r %r' % (got.acl, got.owner))
    for acl in ('public-read', 'public-read-write', 'default'):
        c.put_object_acl(ossv2.PutObjectAclRequest(bucket=b, key=key, acl=acl))
        check(acl_of(key).acl == acl, 'put_object_acl %s gave %r' % (acl, acl_of(key).acl))
    check(v2_get(c, ctx, key).body.read() == b'acl bytes', 'bytes after put_object_acl')
    v2_expect(lambda: acl_of(key + '.missing'), 404, 'NoSuchKey', 'get_object_acl missing')
    c.delete_object(ossv2.DeleteObjectRequest(bucket=b, key=key))


def _v2_list_buckets(ctx, c, _version=None):
    names = [b.name for b in c.list_buckets(ossv2.ListBucketsRequest()).buckets]
    check(ctx.bucket_name in names, 'list_buckets gave %r' % names)
    paged = [b.name for page in c.list_buckets_paginator().iter_page(ossv2.ListBucketsRequest())
             for b in page.buckets]
    check(paged == names, 'list_buckets_paginator gave %r' % paged)


V2_DONE = {
    'list_buckets': _v2_list_buckets, 'list_buckets_paginator': _v2_list_buckets,
    'put_object_acl': _v2_object_acls, 'get_object_acl': _v2_object_acls,
    'copy_object': _v2_copies_and_batch_delete, 'copier': _v2_copies_and_batch_delete,
    'upload_part_copy': _v2_copies_and_batch_delete,
    'delete_multiple_objects': _v2_copies_and_batch_delete,
    'put_object': _v2_objects, 'get_object': _v2_objects, 'head_object': _v2_objects,
    'get_object_meta': _v2_objects, 'delete_object': _v2_objects,
    'is_object_exist': _v2_objects, 'is_bucket_exist': _v2_objects,
    'list_objects': _v2_listings, 'list_objects_v2': _v2_listings,
    'list_objects_paginator': _v2_listings, 'list_objects_v2_paginator': _v2_listings,
    'initiate_multipart_upload': _v2_multipart, 'upload_part': _v2_multipart,
    'complete_multipart_upload': _v2_multipart, 'abort_multipart_upload': _v2_multipart,
    'list_parts': _v2_multipart, 'list_parts_paginator': _v2_multipart,
    'uploader': _v2_helpers, 'downloader': _v2_helpers, 'open_file': _v2_helpers,
    'put_object_from_file': _v2_helpers, 'get_object_to_file': _v2_helpers,
    'presign': _v2_helpers, 'invoke_operation': _v2_helpers,
}
# Conditions and ranges are GetObject's too; checked on their own.
V2_CHECKS = [_v2_objects, _v2_conditions_and_ranges, _v2_listings, _v2_multipart, _v2_helpers,
             _v2_copies_and_batch_delete, _v2_list_buckets, _v2_object_acls]


# ---- v2 SDK: what is refused, with the request that shows it


def _v2_source(ctx, c):
    key = WALK + 'v2/source.txt'
    c.put_object(ossv2.PutObjectRequest(bucket=ctx.bucket_name, key=key, body=b'source bytes'))
    return key


def _v2_append_file(ctx, c):
    def go():
        with c.append_file(ctx.bucket_name, WALK + 'v2/appended-file') as f:
            f.write(b'appended')
    v2_refused(go, 'append_file')


def _v2_paginated(method, request):
    def go(ctx, c):
        v2_refused(lambda: list(getattr(c, method)().iter_page(request(ctx))), method)
    return go


V2_REFUSED_BY_HAND = {
    'append_object': lambda ctx, c: v2_refused(lambda: c.append_object(ossv2.AppendObjectRequest(
        bucket=ctx.bucket_name, key=WALK + 'v2/appended', position=0, body=b'x')),
        'append_object'),
    'append_file': _v2_append_file,
    'put_symlink': lambda ctx, c: v2_refused(lambda: c.put_symlink(ossv2.PutSymlinkRequest(
        bucket=ctx.bucket_name, key=WALK + 'v2/link', target=_v2_source(ctx, c))), 'put_symlink'),
    'list_multipart_uploads_paginator': _v2_paginated(
        'list_multipart_uploads_paginator',
        lambda ctx: ossv2.ListMultipartUploadsRequest(bucket=ctx.bucket_name)),
    'list_object_versions_paginator': _v2_paginated(
        'list_object_versions_paginator',
        lambda ctx: ossv2.ListObjectVersionsRequest(bucket=ctx.bucket_name)),
}

# Refused, each called with a request built from its model's required fields (see
# _v2_minimal_request): bucket and service configuration the local cloud does not model, and the
# object features it does not implement.
V2_REFUSED = {
    # objects
    'get_symlink', 'put_object_tagging', 'get_object_tagging',
    'delete_object_tagging', 'restore_object', 'clean_restored_object', 'seal_append_object',
    'process_object', 'async_process_object', 'select_object', 'create_select_object_meta',
    'option_object', 'get_object_legal_hold', 'put_object_legal_hold', 'get_object_retention',
    'put_object_retention', 'list_multipart_uploads', 'list_object_versions',
    # service level
    'describe_regions', 'list_cloud_boxes', 'list_access_points',
    'list_user_data_redundancy_transition', 'put_public_access_block', 'get_public_access_block',
    'delete_public_access_block',
    # buckets
    'put_bucket', 'delete_bucket', 'get_bucket_info', 'get_bucket_location', 'get_bucket_stat',
    'put_bucket_acl', 'get_bucket_acl', 'put_bucket_versioning', 'get_bucket_versioning',
    'put_bucket_cors', 'get_bucket_cors', 'delete_bucket_cors',
    'put_bucket_lifecycle', 'get_bucket_lifecycle', 'delete_bucket_lifecycle',
    'put_bucket_logging', 'get_bucket_logging', 'delete_bucket_logging',
    'put_bucket_policy', 'get_bucket_policy', 'delete_bucket_policy', 'get_bucket_policy_status',
    'put_bucket_referer', 'get_bucket_referer', 'put_bucket_website', 'get_bucket_website',
    'delete_bucket_website', 'put_bucket_tags', 'get_bucket_tags', 'delete_bucket_tags',
    'put_bucket_encryption', 'get_bucket_encryption', 'delete_bucket_encryption',
    'put_bucket_replication', 'get_bucket_replication', 'delete_bucket_replication',
    'get_bucket_replication_location', 'get_bucket_replication_progress', 'put_bucket_rtc',
    'put_bucket_inventory', 'get_bucket_inventory', 'delete_bucket_inventory',
    'list_bucket_inventory', 'put_bucket_request_payment', 'get_bucket_request_payment',
    'put_bucket_transfer_acceleration', 'get_bucket_transfer_acceleration',
    'put_bucket_access_monitor', 'get_bucket_access_monitor', 'put_bucket_archive_direct_read',
    'get_bucket_archive_direct_read', 'put_bucket_https_config', 'get_bucket_https_config',
    'put_bucket_resource_group', 'get_bucket_resource_group', 'put_bucket_public_access_block',
    'get_bucket_public_access_block', 'delete_bucket_public_access_block',
    'put_bucket_storage_quota', 'get_bucket_storage_quota', 'delete_bucket_storage_quota',
    'put_bucket_overwrite_config', 'get_bucket_overwrite_config', 'delete_bucket_overwrite_config',
    'put_bucket_object_worm_configuration', 'get_bucket_object_worm_configuration',
    'initiate_bucket_worm', 'abort_bucket_worm', 'complete_bucket_worm', 'extend_bucket_worm',
    'get_bucket_worm', 'put_cname', 'list_cname', 'delete_cname', 'create_cname_token',
    'get_cname_token', 'put_style', 'get_style', 'list_style', 'delete_style',
    'create_access_point', 'get_access_point', 'delete_access_point', 'put_access_point_policy',
    'get_access_point_policy', 'delete_access_point_policy',
    'put_access_point_public_access_block', 'get_access_point_public_access_block',
    'delete_access_point_public_access_block', 'create_bucket_data_redundancy_transition',
    'get_bucket_data_redundancy_transition', 'delete_bucket_data_redundancy_transition',
    'list_bucket_data_redundancy_transition', 'open_meta_query', 'get_meta_query_status',
    'do_meta_query', 'do_meta_query_action', 'close_meta_query', 'do_data_pipeline_action',
    'create_bucket_metadata_configuration', 'get_bucket_metadata_configuration',
    'delete_bucket_metadata_configuration',
    'update_bucket_metadata_inventory_table_configuration',
    'update_bucket_metadata_journal_table_configuration',
    'put_user_defined_log_fields_config', 'get_user_defined_log_fields_config',
    'delete_user_defined_log_fields_config',
}

V2_OUT_OF_SCOPE = {}  # every operation of the v2 SDK reaches the local cloud


def _v2_minimal_request(ctx, method):
    """The method's request model with its required fields filled in (bucket, a key under WALK,
    placeholders of the right type), so the SDK sends the request and the server has to answer."""
    import typing
    cls = typing.get_type_hints(getattr(ossv2.Client, method))['request']
    init = typing.get_type_hints(cls.__init__)
    names = inspect.signature(cls.__init__).parameters
    values = {}
    for attr, desc in cls._attribute_map.items():
        if attr not in names or not (desc.get('required') or attr in ('bucket', 'key')):
            continue
        kind = desc.get('type', 'str')
        if attr == 'bucket':
            values[attr] = ctx.bucket_name
        elif attr == 'key':
            values[attr] = WALK + 'v2/target.txt'
        elif kind == 'int':
            values[attr] = 1
        elif kind == 'bool':
            values[attr] = True
        elif kind.startswith('['):
            values[attr] = []
        elif kind == 'str':
            values[attr] = 'x'
        else:  # a model: an empty one of the annotated class
            models = [a for a in (typing.get_args(init.get(attr)) or (init.get(attr),))
                      if inspect.isclass(a) and issubclass(a, ossv2.serde.Model)]
            values[attr] = models[0]() if models else 'x'
    return cls(**values)


def _sdk_methods(cls):
    return {m for m in dir(cls) if not m.startswith('_') and callable(getattr(cls, m))}


def test_v2_sdk_walk_is_complete(ctx):
    tables = [set(V2_DONE), set(V2_REFUSED_BY_HAND), V2_REFUSED, set(V2_OUT_OF_SCOPE)]
    methods = _sdk_methods(ossv2.Client)
    missing = methods - set().union(*tables)
    check(not missing, 'operations of alibabacloud_oss_v2.Client no table classifies: %s'
          % ', '.join(sorted(missing)))
    stale = set().union(*tables) - methods
    check(not stale, 'tables name operations the SDK does not have: %s' % ', '.join(sorted(stale)))
    twice = [m for m in methods if sum(m in t for t in tables) > 1]
    check(not twice, 'classified twice: %s' % ', '.join(sorted(twice)))


def test_v2_sdk_done_right(ctx):
    problems = []
    for version in ('v4', 'v1'):
        c = v2_client(ctx, version)
        for fn in V2_CHECKS:
            try:
                fn(ctx, c, version)
            except Exception as e:
                problems.append('%s %s: %s' % (version, fn.__name__, describe(e)))
    check(not problems, '; '.join(problems))


def test_v2_sdk_refused(ctx):
    c = v2_client(ctx)
    before = walk_keys(ctx)
    problems = []
    for method, fn in sorted(V2_REFUSED_BY_HAND.items()):
        try:
            fn(ctx, c)
        except Exception as e:
            problems.append('%s: %s' % (method, describe(e)))
    for method in sorted(V2_REFUSED):
        try:
            request = _v2_minimal_request(ctx, method)
            v2_refused(lambda: getattr(c, method)(request), method)
        except Exception as e:
            problems.append('%s: %s' % (method, describe(e)))
    check(not problems, '; '.join(problems))
    # The refused calls wrote nothing: only the sources the hand-made ones put are new.
    after = [k for k in walk_keys(ctx) if k not in before and k != WALK + 'v2/source.txt']
    check(not after, 'refused calls left objects: %r' % after)


# ---- oss2: the same walk over Bucket


def _oss2_objects(ctx, b):
    key = WALK + 'oss2/object.txt'
    data = b'oss2 object bytes'
    b.put_object(key, data, headers={'x-oss-meta-color': 'blue', 'x-oss-object-acl': 'default'})
    got = b.get_object(key)
    check(got.read() == data and got.headers.get('x-oss-meta-color') == 'blue', 'get_object')
    head = b.head_object(key)
    meta = b.get_object_meta(key)
    check(meta.content_length == len(data) and meta.etag == head.etag, 'get_object_meta')
    check(b.object_exists(key) and not b.object_exists(key + '.missing'), 'object_exists')
    part = b.get_object(key, byte_range=(5, 10))
    check(part.status == 206 and part.read() == data[5:11], 'range')
    expect_oss_error(lambda: b.get_object(key, headers={'If-Match': '"0123"'}), 412,
                     'PreconditionFailed')
    check(b.get_object(key, headers={'If-Match': head.etag}).read() == data, 'If-Match')
    tmp = tempfile.mkdtemp(prefix='oss2-walk-')
    try:
        path = os.path.join(tmp, 'f')
        b.get_object_to_file(key, path)
        b.put_object_from_file(key + '.copy-by-hand', path)
        check(b.get_object(key + '.copy-by-hand').read() == data, 'to_file / from_file')
        url = b.sign_url('PUT', key + '.by-url', 60)
        b.put_object_with_url(url, data)
        b.put_object_with_url_from_file(url, path)
        got = b.get_object_with_url(b.sign_url('GET', key + '.by-url', 60))
        check(got.read() == data, 'with_url')
        b.get_object_with_url_to_file(b.sign_url('GET', key + '.by-url', 60), path + '.2')
        with open(path + '.2', 'rb') as f:
            check(f.read() == data, 'get_object_with_url_to_file')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for k in (key, key + '.copy-by-hand', key + '.by-url'):
        b.delete_object(k)
    check(not b.object_exists(key), 'delete_object')


def _oss2_lists_and_parts(ctx, b):
    prefix = WALK + 'oss2/list/'
    keys = [prefix + k for k in ('a', 'b/1', 'c d', 'ctl\x01')]
    for k in keys:
        b.put_object(k, b'x')
    got = [o.key for o in oss2.ObjectIterator(b, prefix=prefix, max_keys=1)]
    check(got == sorted(keys), 'v1 iterator %r' % got)
    got = [o.key for o in oss2.ObjectIteratorV2(b, prefix=prefix, max_keys=1)]
    check(got == sorted(keys), 'v2 iterator %r' % got)
    check(b.list_objects(prefix=prefix, delimiter='/').prefix_list == [prefix + 'b/'], 'v1 prefixes')
    check(b.list_objects_v2(prefix=prefix, delimiter='/').prefix_list == [prefix + 'b/'],
          'v2 prefixes')
    for k in keys:
        b.delete_object(k)
    key = WALK + 'oss2/parts.bin'
    data = [os.urandom(100 * 1024), b'end']
    up = b.init_multipart_upload(key).upload_id
    parts = [oss2.models.PartInfo(n, b.upload_part(key, up, n, d).etag)
             for n, d in enumerate(data, 1)]
    check([p.part_number for p in b.list_parts(key, up).parts] == [1, 2], 'list_parts')
    b.complete_multipart_upload(key, up, parts)
    check(b.get_object(key).read() == b''.join(data), 'multipart bytes')
    up = b.init_multipart_upload(key).upload_id
    b.abort_multipart_upload(key, up)
    expect_oss_error(lambda: b.list_parts(key, up), 404, 'NoSuchUpload')
    b.delete_object(key)


def _oss2_copies_and_batch_delete(ctx, b):
    """copy_object, update_object_meta (a copy onto itself), upload_part_copy with a range and
    batch_delete_objects: bytes, metadata, and the objects really gone."""
    src, dst = WALK + 'oss2/copy src.txt', WALK + 'oss2/copy dst.txt'
    data = b'oss2 copy source bytes'
    b.put_object(src, data, headers={'Content-Type': 'text/csv', 'x-oss-meta-color': 'blue'})
    copied = b.copy_object(ctx.bucket_name, src, dst)
    got = b.get_object(dst)
    check(got.read() == data and got.etag == copied.etag, 'copy_object bytes')
    check(got.headers.get('content-type') == 'text/csv'
          and got.headers.get('x-oss-meta-color') == 'blue', 'copy_object metadata %r'
          % dict(got.headers))
    expect_oss_error(lambda: b.copy_object(ctx.bucket_name, src, dst,
                                           headers={'x-oss-forbid-overwrite': 'true'}),
                     409, 'FileAlreadyExists')
    b.update_object_meta(dst, {'x-oss-meta-shape': 'round', 'Content-Type': 'text/plain'})
    got = b.get_object(dst)
    check(got.read() == data and got.headers.get('x-oss-meta-shape') == 'round'
          and 'x-oss-meta-color' not in got.headers
          and got.headers.get('content-type') == 'text/plain', 'update_object_meta %r'
          % dict(got.headers))
    joined = WALK + 'oss2/part-copy.bin'
    up = b.init_multipart_upload(joined).upload_id
    part = b.upload_part_copy(ctx.bucket_name, src, (5, 10), joined, up, 1)
    b.complete_multipart_upload(joined, up, [oss2.models.PartInfo(1, part.etag)])
    check(b.get_object(joined).read() == data[5:11], 'upload_part_copy range')
    keys = [src, dst, joined, WALK + 'oss2/never existed']
    result = b.batch_delete_objects(keys)
    check(sorted(result.deleted_keys) == sorted(keys), 'batch_delete_objects listed %r'
          % result.deleted_keys)
    left = [k for k in keys if b.object_exists(k)]
    check(not left, 'batch_delete_objects left %r' % left)


def _oss2_acls_and_classes(ctx, b):
    """put_object_acl and get_object_acl, over an object written with an ACL and a class."""
    key = WALK + 'oss2/acl.txt'
    b.put_object(key, b'acl bytes', headers={'x-oss-object-acl': 'private',
                                             'x-oss-storage-class': 'IA'})
    check(b.get_object_acl(key).acl == 'private', 'get_object_acl %r' % b.get_object_acl(key).acl)
    check(b.head_object(key).headers.get('x-oss-storage-class') == 'IA', 'storage class')
    b.put_object_acl(key, oss2.OBJECT_ACL_PUBLIC_READ)
    check(b.get_object_acl(key).acl == 'public-read', 'put_object_acl')
    check(b.get_object(key).read() == b'acl bytes', 'bytes after put_object_acl')
    b.delete_object(key)


OSS2_DONE = {
    'put_object_acl': _oss2_acls_and_classes, 'get_object_acl': _oss2_acls_and_classes,
    'copy_object': _oss2_copies_and_batch_delete,
    'update_object_meta': _oss2_copies_and_batch_delete,
    'upload_part_copy': _oss2_copies_and_batch_delete,
    'batch_delete_objects': _oss2_copies_and_batch_delete,
    'put_object': _oss2_objects, 'get_object': _oss2_objects, 'head_object': _oss2_objects,
    'get_object_meta': _oss2_objects, 'object_exists': _oss2_objects,
    'delete_object': _oss2_objects, 'get_object_to_file': _oss2_objects,
    'put_object_from_file': _oss2_objects, 'sign_url': _oss2_objects,
    'put_object_with_url': _oss2_objects, 'put_object_with_url_from_file': _oss2_objects,
    'get_object_with_url': _oss2_objects, 'get_object_with_url_to_file': _oss2_objects,
    'list_objects': _oss2_lists_and_parts, 'list_objects_v2': _oss2_lists_and_parts,
    'init_multipart_upload': _oss2_lists_and_parts, 'upload_part': _oss2_lists_and_parts,
    'list_parts': _oss2_lists_and_parts, 'complete_multipart_upload': _oss2_lists_and_parts,
    'abort_multipart_upload': _oss2_lists_and_parts,
}

OSS2_SOURCE = WALK + 'oss2/source.txt'
OSS2_SOURCE_BYTES = b'oss2 source bytes'

# Object operations, each with the call that must be refused; afterwards the source object must
# be as it was and no other object may exist under WALK (test_oss2_refused checks).
OSS2_REFUSED_OBJECTS = {
    'append_object': lambda ctx, b: b.append_object(WALK + 'oss2/appended', 0, b'x'),
    'put_symlink': lambda ctx, b: b.put_symlink(OSS2_SOURCE, WALK + 'oss2/link'),
    'get_symlink': lambda ctx, b: b.get_symlink(OSS2_SOURCE),
    'put_object_tagging': lambda ctx, b: b.put_object_tagging(
        OSS2_SOURCE, oss2.models.Tagging(oss2.models.TaggingRule())),
    'get_object_tagging': lambda ctx, b: b.get_object_tagging(OSS2_SOURCE),
    'delete_object_tagging': lambda ctx, b: b.delete_object_tagging(OSS2_SOURCE),
    'restore_object': lambda ctx, b: b.restore_object(OSS2_SOURCE),
    'delete_object_versions': lambda ctx, b: b.delete_object_versions(
        oss2.models.BatchDeleteObjectVersionList([oss2.models.BatchDeleteObjectVersion(
            OSS2_SOURCE, 'v1')])),
    'process_object': lambda ctx, b: b.process_object(OSS2_SOURCE, 'image/info'),
    'async_process_object': lambda ctx, b: b.async_process_object(OSS2_SOURCE, 'video/x'),
    'select_object': lambda ctx, b: b.select_object(OSS2_SOURCE, 'select * from ossobject'),
    'select_object_to_file': lambda ctx, b: b.select_object_to_file(
        OSS2_SOURCE, os.path.join(tempfile.gettempdir(), 'alicli-interop-select'),
        'select * from ossobject'),
    'create_select_object_meta': lambda ctx, b: b.create_select_object_meta(OSS2_SOURCE),
    'list_multipart_uploads': lambda ctx, b: b.list_multipart_uploads(),
    'list_object_versions': lambda ctx, b: b.list_object_versions(),
    'put_async_fetch_task': lambda ctx, b: b.put_async_fetch_task(
        oss2.models.AsyncFetchTaskConfiguration('http://127.0.0.1:1/x', WALK + 'oss2/fetched')),
    'get_async_fetch_task': lambda ctx, b: b.get_async_fetch_task('task'),
}

# Bucket operations, called with placeholder arguments (or the given ones) and refused.
OSS2_REFUSED_BUCKET_ARGS = {
    'complete_bucket_worm': ('w',), 'extend_bucket_worm': ('w', 1),
    'create_access_point': (oss2.models.CreateAccessPointRequest('ap', 'internet'),),
    'put_bucket_callback_policy': ([oss2.models.CallbackPolicyInfo('p', 'e30=')],),
    'put_bucket_cname': (oss2.models.PutBucketCnameRequest('example.com'),),
    'put_bucket_https_config': (oss2.models.BucketTlsVersion(True, ['TLSv1.2']),),
    'put_bucket_inventory_configuration': (oss2.models.InventoryConfiguration('i', True),),
    'put_bucket_replication': (oss2.models.ReplicationRule(rule_id='r'),),
    'put_bucket_requester_qos_info': ('uid', oss2.models.QoSConfiguration(1)),
    'set_bucket_storage_capacity': (oss2.models.BucketUserQos(1),),
}
OSS2_REFUSED_BUCKET = {
    'abort_bucket_worm', 'close_bucket_meta_query', 'complete_bucket_worm', 'create_access_point',
    'create_bucket', 'create_bucket_cname_token', 'create_bucket_data_redundancy_transition',
    'create_live_channel', 'delete_access_point', 'delete_access_point_policy',
    'delete_access_point_public_access_block', 'delete_bucket', 'delete_bucket_callback_policy',
    'delete_bucket_cname', 'delete_bucket_cors', 'delete_bucket_data_redundancy_transition',
    'delete_bucket_encryption', 'delete_bucket_inventory_configuration',
    'delete_bucket_lifecycle', 'delete_bucket_logging', 'delete_bucket_policy',
    'delete_bucket_public_access_block', 'delete_bucket_qos_info', 'delete_bucket_replication',
    'delete_bucket_requester_qos_info', 'delete_bucket_style', 'delete_bucket_tagging',
    'delete_bucket_website', 'delete_live_channel', 'do_bucket_meta_query', 'extend_bucket_worm',
    'get_access_point', 'get_access_point_policy', 'get_access_point_public_access_block',
    'get_bucket_access_monitor', 'get_bucket_acl', 'get_bucket_archive_direct_read',
    'get_bucket_callback_policy', 'get_bucket_cname_token', 'get_bucket_cors',
    'get_bucket_data_redundancy_transition', 'get_bucket_encryption', 'get_bucket_https_config',
    'get_bucket_info', 'get_bucket_inventory_configuration', 'get_bucket_lifecycle',
    'get_bucket_location', 'get_bucket_logging', 'get_bucket_meta_query_status',
    'get_bucket_policy', 'get_bucket_public_access_block', 'get_bucket_qos_info',
    'get_bucket_referer', 'get_bucket_replication', 'get_bucket_replication_location',
    'get_bucket_replication_progress', 'get_bucket_request_payment',
    'get_bucket_requester_qos_info', 'get_bucket_resource_group', 'get_bucket_stat',
    'get_bucket_storage_capacity', 'get_bucket_style', 'get_bucket_tagging',
    'get_bucket_transfer_acceleration', 'get_bucket_versioning', 'get_bucket_website',
    'get_bucket_worm', 'get_live_channel', 'get_live_channel_history', 'get_live_channel_stat',
    'get_vod_playlist', 'init_bucket_worm', 'list_bucket_access_points', 'list_bucket_cname',
    'list_bucket_data_redundancy_transition', 'list_bucket_inventory_configurations',
    'list_bucket_requester_qos_infos', 'list_bucket_style', 'list_live_channel',
    'open_bucket_meta_query', 'post_vod_playlist', 'put_access_point_policy',
    'put_access_point_public_access_block', 'put_bucket_access_monitor', 'put_bucket_acl',
    'put_bucket_archive_direct_read', 'put_bucket_callback_policy', 'put_bucket_cname',
    'put_bucket_cors', 'put_bucket_encryption', 'put_bucket_https_config',
    'put_bucket_inventory_configuration', 'put_bucket_lifecycle', 'put_bucket_logging',
    'put_bucket_policy', 'put_bucket_public_access_block', 'put_bucket_qos_info',
    'put_bucket_referer', 'put_bucket_replication', 'put_bucket_request_payment',
    'put_bucket_requester_qos_info', 'put_bucket_resource_group', 'put_bucket_style',
    'put_bucket_tagging', 'put_bucket_transfer_acceleration', 'put_bucket_versioning',
    'put_bucket_website', 'put_live_channel_status', 'set_bucket_storage_capacity',
}

OSS2_OUT_OF_SCOPE = {
    'sign_rtmp_url': 'computes an RTMP URL for a live channel locally; sends no request',
}


def test_oss2_walk_is_complete(ctx):
    tables = [set(OSS2_DONE), set(OSS2_REFUSED_OBJECTS), OSS2_REFUSED_BUCKET,
              set(OSS2_OUT_OF_SCOPE)]
    methods = _sdk_methods(oss2.Bucket)
    missing = methods - set().union(*tables)
    check(not missing, 'operations of oss2.Bucket no table classifies: %s'
          % ', '.join(sorted(missing)))
    stale = set().union(*tables) - methods
    check(not stale, 'tables name operations oss2 does not have: %s' % ', '.join(sorted(stale)))
    twice = [m for m in methods if sum(m in t for t in tables) > 1]
    check(not twice, 'classified twice: %s' % ', '.join(sorted(twice)))


def test_oss2_done_right(ctx):
    problems = []
    for version in (1, 4):
        for fn in (_oss2_objects, _oss2_lists_and_parts, _oss2_copies_and_batch_delete,
                   _oss2_acls_and_classes):
            try:
                fn(ctx, ctx.user_bucket(version))
            except Exception as e:
                problems.append('v%d %s: %s' % (version, fn.__name__, describe(e)))
    check(not problems, '; '.join(problems))


def _placeholder(name):
    """An argument oss2 can serialise, by parameter name."""
    return {'data': b'x', 'permission': 'private', 'enabled': True, 'status': 'Enabled',
            'block_public_access': True, 'rule_id': 'r', 'start_time': 0, 'end_time': 1,
            }.get(name, 'x')


def test_oss2_refused(ctx):
    b = ctx.user_bucket(4)
    b.put_object(OSS2_SOURCE, OSS2_SOURCE_BYTES, headers={'x-oss-meta-was': 'here'})
    before = walk_keys(ctx)
    problems = []
    for method, call in sorted(OSS2_REFUSED_OBJECTS.items()):
        try:
            oss2_refused(lambda: call(ctx, b), method)
        except Exception as e:
            problems.append('%s: %s' % (method, describe(e)))
    for method in sorted(OSS2_REFUSED_BUCKET):
        fn = getattr(b, method)
        args = OSS2_REFUSED_BUCKET_ARGS.get(method)
        if args is None:
            params = list(inspect.signature(fn).parameters.values())
            args = tuple(_placeholder(p.name) for p in params
                         if p.default is inspect.Parameter.empty)
        try:
            oss2_refused(lambda: fn(*args), method)
        except Exception as e:
            problems.append('%s: %s' % (method, describe(e)))
    check(not problems, '; '.join(problems))
    got = b.get_object(OSS2_SOURCE)
    check(got.read() == OSS2_SOURCE_BYTES and got.headers.get('x-oss-meta-was') == 'here',
          'the source changed')
    check(walk_keys(ctx) == before, 'refused calls left objects: %r'
          % sorted(set(walk_keys(ctx)) - set(before)))
    b.delete_object(OSS2_SOURCE)


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


# --------------------------------------------------------------------------- trees: cp -r, sync, ls -r
#
# alicli's tree commands beside oss2: what `oss cp -r` and `oss sync` write, oss2 lists and reads
# back (bytes, guessed Content-Type, --meta, --cache-control, CRC-64, a multipart object); what
# oss2 writes, `oss cp -r` downloads and `oss ls -r --output json` lists, key for key.

import concurrent.futures  # noqa: E402  (kept with the section that uses it)

TREE_MIB = 1024 * 1024
TREE_BIG = 'big/large.bin'     # above --multipart-threshold 1M: uploaded in parts
TREE_TYPES = {'.html': 'text/html', '.json': 'application/json', '.txt': 'text/plain',
              '.css': 'text/css', '.bin': 'application/octet-stream'}


def tree_files():
    """Relative path -> bytes: nested folders, an empty file, awkward names, a multipart-sized file."""
    files = {
        'index.html': b'<!doctype html><title>tree</title>\n',
        'assets/site.css': b'body { color: #333 }\n',
        'data/config.json': b'{"tree": true, "n": 1}\n',
        'data/empty.txt': b'',
        'data/deep/er/and/deeper/leaf.txt': b'a leaf five folders down\n',
        'names/with space.txt': b'space\n',
        'names/plus+sign.txt': b'plus\n',
        'names/100%.txt': b'percent\n',
        'names/what?.txt': b'question\n',
        'names/hash#tag.txt': b'hash\n',
        'names/文件.txt': '文件 unicode\n'.encode('utf-8'),
        '文件/目录/深.txt': b'unicode folders\n',
        'names/all of them +%?#~文件 .txt': b'all of them\n',
        TREE_BIG: os.urandom(3 * TREE_MIB + 5),
    }
    return files


def tree_write(root, files):
    for rel, data in files.items():
        path = os.path.join(root, *rel.split('/'))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)


def tree_read(root):
    """Relative path (with /) -> bytes of every file under root."""
    out = {}
    for d, _dirs, names in os.walk(root):
        for name in names:
            path = os.path.join(d, name)
            with open(path, 'rb') as f:
                out[os.path.relpath(path, root).replace(os.sep, '/')] = f.read()
    return out


def tree_crc64(data):
    crc = oss2.utils.Crc64()
    crc.update(data)
    return crc.crc


def tree_keys(bucket, prefix):
    return [o.key for o in oss2.ObjectIteratorV2(bucket, prefix=prefix, max_keys=5)]


def tree_check_written(ctx, prefix, files, meta=None, cache_control=None):
    """oss2 finds exactly files under prefix, each with its bytes, type, CRC-64 and metadata."""
    bucket = ctx.user_bucket(4)
    keys = tree_keys(bucket, prefix)
    want = sorted(prefix + rel for rel in files)
    check(sorted(keys) == want and len(keys) == len(set(keys)),
          'oss2 lists %r, expected %r' % (sorted(set(keys) ^ set(want)), want))
    problems = []
    for rel, data in files.items():
        got = bucket.get_object(prefix + rel)
        body = got.read()
        h = got.headers
        ext = os.path.splitext(rel)[1]
        ctype = h.get('Content-Type', '').split(';')[0].strip()
        if body != data:
            problems.append('%s: %d bytes back, %d sent' % (rel, len(body), len(data)))
        if ctype != TREE_TYPES[ext]:
            problems.append('%s: Content-Type %r, expected %r' % (rel, h.get('Content-Type'), TREE_TYPES[ext]))
        if h.get('x-oss-hash-crc64ecma') != str(tree_crc64(data)):
            problems.append('%s: CRC-64 %r, the file has %d' % (rel, h.get('x-oss-hash-crc64ecma'), tree_crc64(data)))
        for k, v in (meta or {}).items():
            if h.get('x-oss-meta-' + k) != v:
                problems.append('%s: x-oss-meta-%s %r, expected %r' % (rel, k, h.get('x-oss-meta-' + k), v))
        if cache_control is not None and h.get('Cache-Control') != cache_control:
            problems.append('%s: Cache-Control %r' % (rel, h.get('Cache-Control')))
        kind = h.get('x-oss-object-type')
        if kind != ('Multipart' if len(data) >= TREE_MIB else 'Normal'):
            problems.append('%s (%d bytes): stored as %r with --multipart-threshold 1M' % (rel, len(data), kind))
    check(not problems, '; '.join(problems))


def test_tree_alicli_cp_r_read_by_oss2(ctx):
    tmp = tempfile.mkdtemp(prefix='alicli-tree-')
    try:
        files = tree_files()
        src = os.path.join(tmp, 'src')
        tree_write(src, files)
        prefix = 'tree/cp/'
        out = alicli(ctx, 'oss', 'cp', '-r', src, 'oss://%s/%s' % (ctx.bucket_name, prefix),
                     '--multipart-threshold', '1M', '--meta', 'k=v', '--meta', 'origin=alicli cp',
                     '--cache-control', 'max-age=60', '--no-progress', '--output', 'json')
        lines = [json.loads(line) for line in out.decode('utf-8').splitlines() if line.strip()]
        check(len(lines) == len(files), 'cp -r --output json: %d lines for %d files: %r'
              % (len(lines), len(files), lines[:3]))
        tree_check_written(ctx, prefix, files, meta={'k': 'v', 'origin': 'alicli cp'},
                           cache_control='max-age=60')
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_tree_alicli_sync_read_by_oss2(ctx):
    tmp = tempfile.mkdtemp(prefix='alicli-tree-')
    try:
        files = tree_files()
        src = os.path.join(tmp, 'src')
        tree_write(src, files)
        prefix = 'tree/sync/'
        target = 'oss://%s/%s' % (ctx.bucket_name, prefix)
        sync = ('oss', 'sync', src, target, '--multipart-threshold', '1M', '--meta', 'k=v', '--no-progress')
        alicli(ctx, *sync)
        tree_check_written(ctx, prefix, files, meta={'k': 'v'})
        # The local mtime travels as x-oss-meta-mtime (seconds with a fraction, as rclone does).
        bucket = ctx.user_bucket(4)
        mtime = bucket.head_object(prefix + 'index.html').headers.get('x-oss-meta-mtime')
        local = os.stat(os.path.join(src, 'index.html')).st_mtime
        check(mtime is not None and abs(float(mtime) - local) < 0.001,
              'x-oss-meta-mtime %r, the file has %.6f' % (mtime, local))
        # Again with nothing changed: not one write.
        before = ctx.stats()
        alicli(ctx, *sync)
        after = ctx.stats()
        writes = {op: after.get(op, 0) - before.get(op, 0) for op in
                  ('oss:PutObject', 'oss:InitiateMultipartUpload', 'oss:UploadPart', 'oss:CopyObject',
                   'oss:DeleteObject', 'oss:DeleteMultipleObjects')}
        check(not any(writes.values()), 'a second sync of an unchanged tree wrote: %r' % writes)
        # One file changed (another size), one added, one removed; --delete removes its object.
        files['data/config.json'] = b'{"tree": "changed", "n": 2}\n'
        files['names/new one.json'] = b'[]\n'
        del files['names/plus+sign.txt']
        os.remove(os.path.join(src, 'names', 'plus+sign.txt'))
        tree_write(src, {k: files[k] for k in ('data/config.json', 'names/new one.json')})
        before = ctx.stats()
        alicli(ctx, *sync, '--delete', '--dry-run')
        after = ctx.stats()
        writes = {op: after.get(op, 0) - before.get(op, 0) for op in writes}
        check(not any(writes.values()), 'sync --delete --dry-run wrote: %r' % writes)
        before = ctx.stats()
        alicli(ctx, *sync, '--delete')
        after = ctx.stats()
        puts = after.get('oss:PutObject', 0) - before.get('oss:PutObject', 0)
        check(puts == 2, 'sync --delete after 1 change and 1 new file sent %d PutObject' % puts)
        tree_check_written(ctx, prefix, files, meta={'k': 'v'})
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_tree_oss2_written_read_by_alicli(ctx):
    tmp = tempfile.mkdtemp(prefix='alicli-tree-')
    try:
        prefix = 'tree/oss2/'
        files = {rel: data for rel, data in tree_files().items()}
        for key in AWKWARD_KEYS:       # the suite's awkward keys too, under the tree's prefix
            files.setdefault(key, key.encode('utf-8'))
        bucket = ctx.user_bucket(4)
        for rel, data in files.items():
            if rel == TREE_BIG:
                path = os.path.join(tmp, 'big.bin')
                with open(path, 'wb') as f:
                    f.write(data)
                oss2.resumable_upload(bucket, prefix + rel, path, multipart_threshold=TREE_MIB,
                                      part_size=512 * 1024, num_threads=2, store=oss2.ResumableStore(root=tmp))
            else:
                bucket.put_object(prefix + rel, data)
        check(bucket.head_object(prefix + TREE_BIG).headers.get('x-oss-object-type') == 'Multipart',
              'oss2 stored the big object in parts')
        dest = os.path.join(tmp, 'dest')
        os.mkdir(dest)
        alicli(ctx, 'oss', 'cp', '-r', 'oss://%s/%s' % (ctx.bucket_name, prefix), dest + '/', '--no-progress')
        got = tree_read(dest)
        check(sorted(got) == sorted(files), 'cp -r wrote %r, expected %r'
              % (sorted(set(got) ^ set(files)), sorted(files)))
        differ = [rel for rel in files if got[rel] != files[rel]]
        check(not differ, 'files differ from the objects: %r' % differ)
        out = alicli(ctx, 'oss', 'ls', '-r', 'oss://%s/%s' % (ctx.bucket_name, prefix), '--output', 'json')
        listed = [json.loads(line) for line in out.decode('utf-8').splitlines() if line.strip()]
        objects = [o for o in listed if o.get('type') == 'object']
        check(len(objects) == len(listed), 'ls -r printed more than objects: %r'
              % [o for o in listed if o.get('type') != 'object'])
        keys = [o['key'] for o in objects]
        check(keys == sorted(prefix + rel for rel in files), 'ls -r keys %r, expected %r'
              % (keys, sorted(prefix + rel for rel in files)))
        sizes = {o['key']: o['size'] for o in objects}
        wrong = [rel for rel in files if sizes[prefix + rel] != len(files[rel])]
        check(not wrong, 'ls -r sizes differ: %r' % wrong)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_tree_alicli_rm_r_seen_by_oss2(ctx):
    bucket = ctx.user_bucket(4)
    prefix = 'tree/rm/'
    keys = ['%sd%d/k%04d.txt' % (prefix, i % 7, i) for i in range(1203)]   # two batches of 1000
    keys += [prefix + 'names/' + k for k in AWKWARD_KEYS]
    with concurrent.futures.ThreadPoolExecutor(8) as ex:
        list(ex.map(lambda k: bucket.put_object(k, b'x'), keys))
    bucket.put_object('tree/rm-sibling.txt', b'stays')   # shares the prefix's text, not its folder
    before = ctx.stats()
    alicli(ctx, 'oss', 'rm', '-r', 'oss://%s/%s' % (ctx.bucket_name, prefix), '--no-progress')
    after = ctx.stats()
    left = tree_keys(bucket, prefix)
    check(left == [], '%d keys left after rm -r: %r' % (len(left), left[:5]))
    check(bucket.object_exists('tree/rm-sibling.txt'), 'rm -r of tree/rm/ removed tree/rm-sibling.txt')
    batches = after.get('oss:DeleteMultipleObjects', 0) - before.get('oss:DeleteMultipleObjects', 0)
    check(batches == 2, '%d keys removed in %d DeleteMultipleObjects requests, expected 2' % (len(keys), batches))


if __name__ == '__main__':
    sys.exit(main())
