import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import {
  createInstanceContext,
  randomGuid,
  toInstanceEnv,
} from '../../../../src/supervisor/droplet/instance-env.js';
import { quoteShell, toLauncherCommand } from '../../../../src/supervisor/droplet/launcher.js';
import { parseProcfile } from '../../../../src/config/procfile.js';
import { toStartCommand } from '../../../../src/supervisor/droplet/procfile.js';
import { toSourceTag } from '../../../../src/supervisor/droplet/run-plan.js';

test('quoteShell makes one word of any text', () => {
  assert.equal(quoteShell(`it's "$HOME"`), `'it'\\''s "$HOME"'`);
});

test('the launcher sources profile.d then .profile.d then .profile, and execs the command', () => {
  const script = toLauncherCommand(`echo "it's"`);
  assert.equal(
    script,
    [
      'cd "$HOME" || exit 1',
      'for f in ../profile.d/* .profile.d/*; do if [ -f "$f" ]; then . "$f"; fi; done; unset f',
      'if [ -f .profile ]; then . ./.profile; fi',
      `exec bash -c 'echo "it'\\''s"'`,
    ].join('\n'),
  );
});

test('with reportEnv, the launcher reports the exported variables on fd 3 after the scripts, then closes it', () => {
  const script = toLauncherCommand('exec app', { reportEnv: true }).split('\n');
  assert.equal(script.length, 6);
  assert.match(
    script[3] ?? '',
    /^\{ while IFS= read -r (\w+); do printf '%s=%s\\0' "\$\1" "\$\{!\1\}"; done < <\(compgen -e\); printf '\\0'; \} 2>\/dev\/null >&3$/,
  );
  assert.equal(script[4], 'exec 3>&-; unset __sidecars_env_name');
  assert.equal(script[5], "exec bash -c 'exec app'");
});

test('Procfile and staging_info.yml', () => {
  assert.deepEqual(
    parseProcfile('# comment\nweb: node server.js --port $PORT\nworker:  run: it\nbad line\n\n'),
    {
      web: 'node server.js --port $PORT',
      worker: 'run: it',
    },
  );
  assert.equal(toStartCommand({ detected_buildpack: '', start_command: 'npm start' }), 'npm start');
  assert.equal(toStartCommand({ start_command: '  ' }), null);
  assert.equal(toStartCommand('nope'), null);
});

test('the instance env: platform variables win over the caller, only PATH-like ones pass through', () => {
  const ctx = createInstanceContext('/d/my-app', 'web', 512, 9000);
  const env = toInstanceEnv(ctx, 64, { PATH: '/bin', HOME: '/root', SECRET: 'x', PORT: '1' }, { EXTRA: 'y' });
  assert.equal(env['HOME'], '/d/my-app/app');
  assert.equal(env['DEPS_DIR'], '/d/my-app/deps');
  assert.equal(env['TMPDIR'], '/d/my-app/tmp');
  assert.equal(env['PORT'], '9000');
  assert.equal(env['MEMORY_LIMIT'], '64m');
  assert.equal(env['PATH'], '/bin');
  assert.equal(env['EXTRA'], 'y');
  assert.equal(env['SECRET'], undefined);
  const vcap = JSON.parse(env['VCAP_APPLICATION'] ?? '{}') as Record<string, unknown>;
  assert.equal(vcap['process_type'], 'web');
  assert.equal(vcap['application_name'], 'my-app');
  assert.deepEqual(vcap['limits'], { mem: 512, disk: 1024, fds: 16384 });
});

test('CF log source tags', () => {
  assert.equal(toSourceTag('web', null), '[APP/PROC/WEB/0]');
  assert.equal(toSourceTag('web', 'metrics-agent'), '[APP/PROC/WEB/SIDECAR/METRICS-AGENT/0]');
});

test('application ids are version-4 GUIDs, a new one each time', () => {
  const ids = Array.from({ length: 50 }, () => randomGuid());
  for (const id of ids)
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
});
