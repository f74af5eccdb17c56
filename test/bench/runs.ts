// `npm run bench runs`: the S3 requests of `sidecars runs URL --limit 20` against a radosgw this step
// starts, with 1,000 and with 50,000 runs stored, counted from radosgw's own request log.
// Seeding: every run's entry in the run index at the listed prefix (what `runs` lists), and the full
// records and index entries of the newest 100 runs (what it reads); the other runs' records lie
// under other keys, which neither the index listing nor its reads touch. Small bodies, anonymous
// PUTs (a bucket policy; no signing) over kept-alive sockets, 64 at a time: ~1–2 min for 50,000.
import { Agent, request } from 'node:http';

import { CreateBucketCommand, PutBucketPolicyCommand } from '@aws-sdk/client-s3';

import { createS3Client, type S3Server, startRadosgw } from '../helpers/radosgw.js';
import { countRequests, seedRuns } from '../helpers/run-store.js';
import { startSidecars } from '../helpers/run-sidecars.js';
import type { Row } from './harness.js';

const BUCKET = 'bench-runs';
const SIZES = [1_000, 50_000];
const FULL_NEWEST = 100;
const REPS = 3;
const LIMIT = '20';

function anonymousPut(server: S3Server, agent: Agent) {
  return (key: string, body: string): Promise<void> =>
    new Promise((resolve, reject) => {
      const url = `${server.endpoint}/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`;
      const headers = { 'content-length': Buffer.byteLength(body), 'content-type': 'application/json' };
      const req = request(url, { method: 'PUT', agent, headers }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${key}: HTTP ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end(body);
    });
}

async function runsOnce(server: S3Server, args: string[]): Promise<{ requests: number; ms: number }> {
  let ms = 0;
  const requests = await countRequests(server, async () => {
    const started = Date.now();
    const cli = startSidecars(['runs', `s3://${BUCKET}/${args[0] ?? ''}`, ...args.slice(1)], {
      env: {
        AWS_ACCESS_KEY_ID: server.accessKeyId,
        AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
        AWS_ENDPOINT_URL_S3: server.endpoint,
      },
    });
    const { code } = await cli.exited;
    ms = Date.now() - started;
    if (code !== 0) throw new Error(`sidecars runs ${args.join(' ')}: exit ${code}\n${cli.text()}`);
  });
  return { requests: requests.length, ms };
}

export async function benchRuns(): Promise<Row[]> {
  const server = await startRadosgw();
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const rows: Row[] = [];
  const s3 = createS3Client(server);
  try {
    await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
    const write = {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:PutObject',
      Resource: `arn:aws:s3:::${BUCKET}/*`,
    };
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [write] });
    await s3.send(new PutBucketPolicyCommand({ Bucket: BUCKET, Policy: policy }));
    const put = anonymousPut(server, agent);
    const indexed: Record<number, number[]> = {};
    for (const size of SIZES) {
      const prefix = `n${size}`;
      const seededAt = Date.now();
      const opts = { put, concurrency: 64 };
      let objects = await seedRuns(s3, BUCKET, prefix, size - FULL_NEWEST, {
        ...opts,
        records: false,
        topIndexOnly: true,
      });
      objects += await seedRuns(s3, BUCKET, prefix, FULL_NEWEST, { ...opts, from: size - FULL_NEWEST });
      const seedS = (Date.now() - seededAt) / 1000;
      const counts: number[] = [];
      const times: number[] = [];
      for (let i = 0; i < REPS; i++) {
        const { requests, ms } = await runsOnce(server, [prefix, '--limit', LIMIT]);
        counts.push(requests);
        times.push(ms);
      }
      indexed[size] = counts;
      const scan = await runsOnce(server, [prefix, '--limit', LIMIT, '--scan']);
      const first = SIZES[0] ?? 0;
      rows.push(
        {
          what: `runs --limit ${LIMIT}, ${size.toLocaleString('en')} runs stored: S3 requests (radosgw log)${size === first ? '' : ` (direct: ${first.toLocaleString('en')} runs)`}`,
          unit: 'req',
          samples: counts,
          direct: size === first ? null : (indexed[first] ?? null),
          target: size === first ? '≤ 1 + 2 × 20' : '1.00× (the same count)',
        },
        {
          what: `runs --limit ${LIMIT}, ${size.toLocaleString('en')} runs stored: wall time (seeded ${objects} objects in ${seedS.toFixed(0)} s)`,
          unit: 'ms',
          samples: times,
          direct: null,
          target: 'informative',
        },
        {
          what: `runs --limit ${LIMIT} --scan (every key listed), ${size.toLocaleString('en')} runs stored: S3 requests, ${scan.ms} ms`,
          unit: 'req',
          samples: [scan.requests],
          direct: null,
          target: 'informative: grows with the store',
        },
      );
    }
  } finally {
    s3.destroy();
    agent.destroy();
    await server.stop();
  }
  return rows;
}
