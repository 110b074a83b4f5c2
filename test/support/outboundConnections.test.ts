import { destinationsIn, endpointOf, isLoopback, unaskedDestinations } from './outboundConnections';

/** Lines strace 6.1 wrote around a gateway start before Apollo's telemetry was switched off. */
const TRACE = `
5260  connect(19, {sa_family=AF_UNIX, sun_path="/tmp/tsx-0/5256.pipe"}, 110) = -1 ENOENT (No such file or directory)
5379  sendto(119, [{nlmsg_len=20, nlmsg_type=RTM_GETLINK, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP, nlmsg_seq=1796589116, nlmsg_pid=0}, {ifi_family=AF_UNSPEC, ...}], 20, 0, {sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20
5439  connect(120, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.255.255.53")}, 16) = 0
5379  connect(122, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("100.100.100.200")}, 16) = -1 EINPROGRESS (Operation now in progress)
5379  connect(120, {sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("169.254.169.254")}, 16 <unfinished ...>
5379  <... connect resumed>)            = -1 EINPROGRESS (Operation now in progress)
5301  connect(23, {sa_family=AF_INET, sin_port=htons(4001), sin_addr=inet_addr("127.0.0.1")}, 16) = -1 EINPROGRESS (Operation now in progress)
5302  connect(24, {sa_family=AF_INET6, sin6_port=htons(6379), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 0
5303  sendmsg(25, {msg_name={sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, msg_namelen=16, msg_iov=[{iov_base="", iov_len=0}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 0
5304  connect(26, {sa_family=AF_INET, sin_port=htons(27017), sin_addr=inet_addr("10.1.2.3")}, 16) = 0
`;

describe('reading where a traced process tree reached for', () => {
  it('reads every IPv4 and IPv6 destination, connections and datagrams alike, and leaves local sockets out', () => {
    expect(destinationsIn(TRACE).map(({ address, port }) => `${address}:${port}`)).toEqual([
      '10.255.255.53:53',
      '100.100.100.200:80',
      '169.254.169.254:80',
      '127.0.0.1:4001',
      '::1:6379',
      '127.0.0.53:53',
      '10.1.2.3:27017',
    ]);
  });

  it('flags cloud metadata probes, name lookups (a loopback resolver too) and servers nobody configured', () => {
    const unasked = unaskedDestinations(destinationsIn(TRACE), [
      endpointOf('mongodb://10.1.2.3:27017/', 27017),
    ]);
    expect(unasked.map(({ address, port }) => `${address}:${port}`)).toEqual([
      '10.255.255.53:53',
      '100.100.100.200:80',
      '169.254.169.254:80',
      '127.0.0.53:53',
    ]);
    expect(unaskedDestinations(destinationsIn(TRACE)).map(({ address }) => address)).toContain('10.1.2.3');
  });

  it('counts 127.0.0.0/8, ::1 and IPv4 loopback written as IPv6 as loopback, and nothing else', () => {
    expect(['127.0.0.1', '127.3.2.1', '::1', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['169.254.169.254', '10.0.0.1', '::ffff:10.0.0.1', 'fe80::1', '::'].some(isLoopback)).toBe(false);
  });

  it('refuses a destination it cannot read rather than passing over it', () => {
    expect(() =>
      destinationsIn('1 connect(3, {sa_family=AF_INET, sin_port=htons(80), ...}, 16) = 0'),
    ).toThrow(/Cannot read the destination/);
  });
});
