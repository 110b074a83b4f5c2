/**
 * What binding the gateway credential to each fetch's body costs: signing one credential per
 * subgraph fetch (the gateway) and verifying it (every subgraph), for a body the size of a `play`
 * fetch. Prints microseconds per operation; `npx tsx scripts/bench-credential.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bodyHash, GatewayCredentialIssuer, GatewayCredentialVerifier } from '@contracts/gatewayCredential';
import { loadGatewaySecret, loadSubgraphKeys } from '@platform/keys/gatewaySecret';

const ROUNDS = 5_000;
const WARM_UP = 500;

async function microsecondsPer(work: (round: number) => unknown): Promise<number> {
  for (let round = 0; round < WARM_UP; round++) await work(round);
  const started = process.hrtime.bigint();
  for (let round = 0; round < ROUNDS; round++) await work(round);
  return Number(process.hrtime.bigint() - started) / 1_000 / ROUNDS;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-credential-'));
  try {
    const keys = { kind: 'development', dir } as const;
    const issuer = new GatewayCredentialIssuer(await loadGatewaySecret(keys)).forSubgraph('playback');
    const verifier = new GatewayCredentialVerifier('playback', await loadSubgraphKeys('playback', keys));
    const caller = { accountId: 'u-premium', country: 'US' };
    // About the size of the largest fetch of a `play` (the `_entities` fetch back to playback).
    const bodies = Array.from({ length: 64 }, (_, index) =>
      JSON.stringify({ query: `query Play__playback__${index} { play { id } }`, padding: 'x'.repeat(2_000) }),
    );
    const tokens = await Promise.all(bodies.map((body) => issuer.credentialFor(caller, body)));
    const buffers = bodies.map((body) => Buffer.from(body));

    const hash = await microsecondsPer((round) => bodyHash(bodies[round % bodies.length]!));
    const sign = await microsecondsPer((round) =>
      issuer.credentialFor(caller, bodies[round % bodies.length]!),
    );
    const verify = await microsecondsPer((round) =>
      verifier.verify(tokens[round % tokens.length], buffers[round % buffers.length]!),
    );
    const refuse = await microsecondsPer((round) =>
      verifier
        .verify(tokens[round % tokens.length], buffers[(round + 1) % buffers.length]!)
        .catch(() => null),
    );
    console.log(`body of ${buffers[0]!.length} bytes, ${ROUNDS} rounds, Node ${process.version}`);
    console.log(`  SHA-256 of the body:                      ${hash.toFixed(1)} µs`);
    console.log(`  sign a credential (hash included):        ${sign.toFixed(1)} µs per fetch`);
    console.log(`  verify a credential (hash included):      ${verify.toFixed(1)} µs per fetch`);
    console.log(`  refuse a credential replayed on another body: ${refuse.toFixed(1)} µs`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
