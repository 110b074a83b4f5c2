import { clientAddress } from './clientAddress';
import { TrustedProxies } from './trustedProxies';

const edge = TrustedProxies.parse(['10.0.0.0/8']);

describe('the client address a request is counted against', () => {
  it('is the TCP peer when the peer is not a trusted proxy, whatever it forwards', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', edge)).toBe('203.0.113.9');
  });

  it('is the address a trusted proxy forwards', () => {
    expect(clientAddress('10.1.2.3', '198.51.100.7', edge)).toBe('198.51.100.7');
  });

  it('skips trusted hops from the right and never believes what the client wrote before them', () => {
    expect(clientAddress('10.1.2.3', '1.1.1.1, 198.51.100.7, 10.9.9.9', edge)).toBe('198.51.100.7');
  });

  it('is the peer when a trusted proxy forwards nothing', () => {
    expect(clientAddress('10.1.2.3', undefined, edge)).toBe('10.1.2.3');
  });
});
