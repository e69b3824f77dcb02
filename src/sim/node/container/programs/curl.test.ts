import { describe, expect, it } from 'vitest';
import { curl } from './curl';
import { capture, fakeNet, OK, REFUSED, REJECTED } from './test-net';

const net = fakeNet({ web: '10.96.0.20', empty: '10.96.0.12' }, { '10.96.0.20:80': OK('<html>\nhi\n</html>\n'), '10.96.0.20:8080': OK('nope\n', 404), '10.96.0.12:80': REJECTED, '10.244.2.2:81': REFUSED });

describe('curl', () => {
  it('prints the body of http://NAME, resolving the name through the namespace resolver', () => {
    const io = capture();
    expect(curl(['-s', 'http://web/index.html'], io, net)).toEqual({ status: 0, waitedMs: 0 });
    expect(io.stdout).toEqual(['<html>', 'hi', '</html>']);
    expect(io.stderr).toEqual([]);
    expect(net.asked.at(-1)).toBe('10.96.0.20:80/index.html');
  });

  it('draws the progress meter on stderr without -s, as into a pipe', () => {
    const io = capture();
    curl(['web'], io, net);
    expect(io.stderr).toEqual([
      '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
      '                                 Dload  Upload   Total   Spent    Left  Speed',
      '100    18  100    18    0     0  18000      0 --:--:-- --:--:-- --:--:-- 18000',
    ]);
  });

  it('-o /dev/null -w %{http_code} prints only the status; -I prints the head', () => {
    const io = capture();
    curl(['-s', '-o', '/dev/null', '-w', '%{http_code}', 'web:8080'], io, net);
    expect(io.stdout).toEqual(['404']);
    const head = capture();
    curl(['-sI', 'http://web'], head, net);
    expect(head.stdout).toEqual(['HTTP/1.1 200 OK', 'Date: Wed, 01 Jan 2025 00:00:05 GMT', 'Content-Length: 18', '']);
  });

  it('-v shows the connection and the exchange on stderr', () => {
    const io = capture();
    curl(['-v', 'http://web'], io, net);
    expect(io.stderr.slice(0, 5)).toEqual(['* Host web:80 was resolved.', '* IPv6: (none)', '* IPv4: 10.96.0.20', '*   Trying 10.96.0.20:80...', '* Connected to web (10.96.0.20) port 80']);
    expect(io.stderr).toContain('> GET / HTTP/1.1');
    expect(io.stderr).toContain('< HTTP/1.1 200 OK');
    expect(io.stderr.at(-1)).toBe('* Connection #0 to host web left intact');
    const literal = capture();
    curl(['-v', 'http://10.96.0.20'], literal, net);
    expect(literal.stderr[0]).toBe('*   Trying 10.96.0.20:80...');
  });

  it.each([
    [['-sS', 'http://nosuch'], 6, 0, 'curl: (6) Could not resolve host: nosuch'],
    [['-sS', 'http://empty'], 7, 0, "curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server"],
    [['-sS', '10.244.2.2:81'], 7, 0, "curl: (7) Failed to connect to 10.244.2.2 port 81 after 0 ms: Couldn't connect to server"],
    [['-sS', 'http://10.200.0.1'], 28, 130000, "curl: (28) Failed to connect to 10.200.0.1 port 80 after 130000 ms: Couldn't connect to server"],
    [['-sS', '-m', '5', 'http://10.200.0.1'], 28, 5000, 'curl: (28) Connection timed out after 5000 milliseconds'],
    [['-sS', '--connect-timeout', '2', '-m', '9', 'http://10.200.0.1'], 28, 2000, 'curl: (28) Connection timed out after 2000 milliseconds'],
    [['-sS', 'ftp://web'], 1, 0, 'curl: (1) Protocol "ftp" not supported'],
  ] as const)('curl %j fails with its code and line', (args, code, waited, line) => {
    const io = capture();
    expect(curl(args, io, net)).toEqual({ status: code, waitedMs: waited });
    expect(io.stderr).toEqual([line]);
  });

  it('-s alone keeps errors quiet; the exit code still tells', () => {
    const io = capture();
    expect(curl(['-s', 'http://nosuch'], io, net).status).toBe(6);
    expect(io.stderr).toEqual([]);
  });

  it('refuses unknown options and a missing URL with exit 2', () => {
    const a = capture();
    expect(curl(['-Z', 'web'], a, net).status).toBe(2);
    expect(a.stderr).toEqual(['curl: option -Z: is unknown', "curl: try 'curl --help' or 'curl --manual' for more information"]);
    const b = capture();
    expect(curl(['-s'], b, net).status).toBe(2);
    expect(b.stderr[0]).toBe('curl: no URL specified');
    const c = capture();
    expect(curl(['-m', 'soon', 'web'], c, net).status).toBe(2);
    expect(c.stderr[0]).toBe('curl: option -m: expected a proper numerical parameter');
  });
});
