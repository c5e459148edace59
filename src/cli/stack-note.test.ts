import { describe, expect, it } from 'vitest';
import type { ServiceState } from '../docker/project-inventory.js';
import { stackNote } from './stack-note.js';

const state = (service: 'sqlserver' | 'neo4j', s: string): ServiceState => ({
  service, container: `hart-${service}`, state: s, health: 'none', image: undefined, ports: [], startedAt: undefined, uptimeSeconds: undefined, volume: 'v', id: undefined,
});

describe('stackNote (reset and seed with no stack running)', () => {
  it('says once, before the run, that the command starts the stack first', () => {
    expect(stackNote('reset', 'hart', [state('sqlserver', 'missing'), state('neo4j', 'exited')])).toBe("No hart stack is running: reset starts it first, as 'hart-dev up' does, then goes on.");
  });

  it('says nothing when a container of the stack runs, or when every server is external', () => {
    expect(stackNote('seed', 'hart', [state('sqlserver', 'running'), state('neo4j', 'missing')])).toBeUndefined();
    expect(stackNote('seed', 'hart', [])).toBeUndefined();
  });
});
