// Finding the engine the way the docker CLI does: DOCKER_HOST first, then DOCKER_CONTEXT or the
// current context of the CLI's config.json, then the sockets.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HartError } from '../engine/errors.js';
import { modemOptions, resolveDockerTarget } from './connect.js';

function dockerConfig(contexts: Record<string, string | undefined>, current?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hart-docker-config-'));
  if (current !== undefined) writeFileSync(join(dir, 'config.json'), JSON.stringify({ currentContext: current }));
  for (const [name, host] of Object.entries(contexts)) {
    const meta = join(dir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
    mkdirSync(meta, { recursive: true });
    writeFileSync(join(meta, 'meta.json'), JSON.stringify({ Name: name, Endpoints: host === undefined ? {} : { docker: { Host: host } } }));
  }
  return dir;
}

describe('resolveDockerTarget', () => {
  it('prefers DOCKER_HOST over any context', () => {
    const config = dockerConfig({ colima: 'unix:///home/me/.colima/default/docker.sock' }, 'colima');
    expect(resolveDockerTarget({ DOCKER_HOST: 'tcp://10.0.0.5:2375', DOCKER_CONFIG: config })).toEqual({ host: 'tcp://10.0.0.5:2375', source: 'DOCKER_HOST' });
  });

  it("follows the CLI's current context", () => {
    const config = dockerConfig({ colima: 'unix:///home/me/.colima/default/docker.sock' }, 'colima');
    expect(resolveDockerTarget({ DOCKER_CONFIG: config })).toEqual({ host: 'unix:///home/me/.colima/default/docker.sock', source: 'docker context colima' });
  });

  it('lets DOCKER_CONTEXT override the current context', () => {
    const config = dockerConfig({ colima: 'unix:///c.sock', remote: 'ssh://me@build-box' }, 'colima');
    expect(resolveDockerTarget({ DOCKER_CONFIG: config, DOCKER_CONTEXT: 'remote' })).toEqual({ host: 'ssh://me@build-box', source: 'docker context remote' });
  });

  it('says what to do when a context has no engine address', () => {
    const config = dockerConfig({ broken: undefined }, 'broken');
    const error = (() => {
      try {
        resolveDockerTarget({ DOCKER_CONFIG: config });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(HartError);
    expect(error instanceof HartError ? `${error.message} | ${error.hint ?? ''}` : '').toMatch(/context "broken".*docker context inspect broken/);
  });

  it('falls back to a socket when the context is "default"', () => {
    const config = dockerConfig({}, 'default');
    expect(resolveDockerTarget({ DOCKER_CONFIG: config }).host).toMatch(/^unix:\/\//);
  });
});

describe('modemOptions', () => {
  it('maps unix, tcp and ssh hosts to client options', () => {
    expect(modemOptions('unix:///var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
    expect(modemOptions('tcp://127.0.0.1:2375')).toMatchObject({ host: '127.0.0.1', port: 2375, protocol: 'http' });
    expect(modemOptions('ssh://me@build-box')).toMatchObject({ host: 'build-box', port: 22, protocol: 'ssh', username: 'me' });
  });

  it('uses TLS with the client certificates of DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const certs = mkdtempSync(join(tmpdir(), 'hart-docker-certs-'));
    for (const name of ['ca.pem', 'cert.pem', 'key.pem']) writeFileSync(join(certs, name), `${name} bytes`);
    const options = modemOptions('tcp://docker.example', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
    expect(options).toMatchObject({ host: 'docker.example', port: 2376, protocol: 'https' });
    expect(String(options.ca)).toBe('ca.pem bytes');
    expect(String(options.key)).toBe('key.pem bytes');
    expect(modemOptions('tcp://docker.example', { DOCKER_TLS_VERIFY: '' })).toMatchObject({ port: 2375, protocol: 'http' });
  });

  it('refuses a host it cannot use, saying which forms work', () => {
    expect(() => modemOptions('ftp://x')).toThrow(/Can't use Docker host "ftp:\/\/x"/);
    // Not a URL at all (DOCKER_HOST=bogus): the same error, exit 2 as for other configuration mistakes.
    expect(() => modemOptions('bogus')).toThrow(expect.objectContaining({ message: 'Can\'t use Docker host "bogus"', exitCode: 2 }));
  });
});
