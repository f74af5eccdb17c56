import '../../../helpers/no-warnings.js';

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { parseListenerInodes } from '../../../../src/supervisor/proc/listener-pids.js';

const HEADER =
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode';
const TCP = [
  HEADER,
  '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4242 1 0 100 0 0 10 0',
  '   1: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000  1000        0 4343 1 0 20 4 30 10 -1',
  '   2: 0100007F:2382 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 4444 1 0 100 0 0 10 0',
].join('\n');
const TCP6 = [
  HEADER,
  '   0: 00000000000000000000000000000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 5151 1 0 100 0 0 10 0',
].join('\n');

test('the listening sockets of a port, IPv4 and IPv6; not its connections, not other ports', () => {
  assert.deepEqual([...parseListenerInodes([TCP, TCP6], 8080)], ['4242', '5151']);
  assert.deepEqual([...parseListenerInodes([TCP, TCP6], 9090)], ['4444']);
  assert.deepEqual([...parseListenerInodes([TCP, ''], 1234)], []);
});
