import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../helpers/no-warnings.js';
import {
  DEFAULT_DETACH_WAIT_S,
  toBackgroundArgv,
  toDetachRequest,
  toParsableArgv,
} from '../../../src/cli/detach-flags.js';
import { SidecarError } from '../../../src/common/errors.js';

test('a bare --wait takes no value; --wait=S does', () => {
  assert.deepEqual(toParsableArgv(['./d', '--detach', '--wait', '--port', '9']), [
    './d',
    '--detach',
    '--wait=',
    '--port',
    '9',
  ]);
  assert.deepEqual(toParsableArgv(['--wait=30']), ['--wait=30']);
});

test('--detach, --wait and --keep: the request, or a usage error', () => {
  assert.equal(toDetachRequest({}), null);
  assert.deepEqual(toDetachRequest({ detach: true }), { waitS: null, keep: false });
  assert.deepEqual(toDetachRequest({ detach: true, wait: '' }), {
    waitS: DEFAULT_DETACH_WAIT_S,
    keep: false,
  });
  assert.deepEqual(toDetachRequest({ detach: true, wait: '2.5', keep: true }), { waitS: 2.5, keep: true });
  const usage = (values: Parameters<typeof toDetachRequest>[0], message: RegExp) =>
    assert.throws(
      () => toDetachRequest(values),
      (error: unknown) =>
        error instanceof SidecarError && error.code === 'usage' && message.test(error.message),
    );
  usage({ wait: '' }, /^--wait needs --detach$/);
  usage({ keep: true }, /^--keep needs --detach --wait$/);
  usage({ detach: true, keep: true }, /^--keep needs --wait/);
  usage({ detach: true, wait: '0' }, /^--wait=0: not a positive number of seconds$/);
  usage({ detach: true, wait: 'soon' }, /^--wait=soon: not a positive number of seconds$/);
});

test("the background run's argv: the detach flags out, the resolved ones last", () => {
  assert.deepEqual(
    toBackgroundArgv(
      ['./d', '--detach', '--wait=', '--keep', '--port', '9', '--wait=5'],
      ['--artifacts', '/r', '--status', 'unix:/s'],
    ),
    ['./d', '--port', '9', '--artifacts', '/r', '--status', 'unix:/s'],
  );
});
