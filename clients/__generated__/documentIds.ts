/** Trusted document ids of the operations in clients/operations/, by operation name. */
export const documentIds = {
  ContinueWatching: 'sha256:10b5a76774909fdeb05daf49bf3072bf69b7e95a30a2937888059ba6a90c9248',
  EndPlayback: 'sha256:104e07fdaa4f804118e74e90094202ca386acd7a61e524a50196bad9b259b74b',
  Me: 'sha256:a17e5ebfd6286d52d9dfa22cb18a77161eeff76e2feda2454c44dc0856466b76',
  Play: 'sha256:6db01b5e7188fed7d9682c0459f20e929fc75163457535f636da78abdc182ce3',
  Prefetch: 'sha256:d9c55ce68b337cef424fc983b0d7ce2f6c6f6f2731c2b4086566033555edb80b',
  StartPlayback: 'sha256:45f472aa084c4928c731bafc8c098caec4b6a0381f3d364c1762d906d2bceaf1',
  Title: 'sha256:9281e7ecfd141a886ff1f045ed46a42e65bef392a2f0c97e24e72d8a643949a1',
  Titles: 'sha256:3c1cfd63c64c6e2e15f1bec32d91a4e5de34c4f3fcdc7c40bd5a2acbbe3e60c6',
} as const;
