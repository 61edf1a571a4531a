/** The in-memory workspace (one key, one workspace): agent versions and tasks, with their ids
 *  and insertion order. Agents come only from the seed; a reset builds a fresh one. */
import type { SeedAgent } from './agents/types';
import type { AgentRecord, TaskRecord } from './model';

/** An agent version before the store gives it an id, a sequence number and `updatedAt`. */
export type NewAgentVersion = Omit<AgentRecord, 'id' | 'seq' | 'updatedAt'>;

export class Workspace {
  readonly agents = new Map<string, AgentRecord>();
  readonly tasks = new Map<string, TaskRecord>();
  /** The simulated human behind the API key; `user_id` of every user message. */
  readonly userId: string;
  readonly newId: () => string;
  #seq = 0;

  constructor(newId: () => string) {
    this.newId = newId;
    this.userId = newId();
  }

  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  addAgentVersion(fields: NewAgentVersion): AgentRecord {
    const agent: AgentRecord = {
      ...fields,
      id: this.newId(),
      updatedAt: fields.createdAt,
      seq: this.nextSeq(),
    };
    this.agents.set(agent.id, agent);
    return agent;
  }

  getAgent(id: string): AgentRecord | undefined {
    return this.agents.get(id.toLowerCase());
  }

  /** All versions of a group, newest (highest version number) first. */
  groupVersions(groupId: string): AgentRecord[] {
    return [...this.agents.values()]
      .filter((agent) => agent.groupId === groupId)
      .sort((a, b) => b.versionNumber - a.versionNumber);
  }

  addTask(task: Omit<TaskRecord, 'id' | 'seq'>): TaskRecord {
    const record: TaskRecord = { ...task, id: this.newId(), seq: this.nextSeq() };
    this.tasks.set(record.id, record);
    return record;
  }

  getTask(id: string): TaskRecord | undefined {
    return this.tasks.get(id.toLowerCase());
  }
}

/** A workspace with the seeded agents, each version `created_minutes_ago` before `now`. */
export function createWorkspace(
  seed: readonly SeedAgent[],
  newId: () => string,
  now: number,
): Workspace {
  const workspace = new Workspace(newId);
  for (const agent of seed) {
    const groupId = newId();
    const versions = [...agent.versions].sort((a, b) => a.version_number - b.version_number);
    for (const version of versions) {
      workspace.addAgentVersion({
        groupId,
        versionNumber: version.version_number,
        status: version.status,
        name: agent.name,
        ...(agent.description === undefined ? {} : { description: agent.description }),
        config: { system_prompt: version.system_prompt, ...structuredClone(agent.config) },
        isActive: version.is_active,
        createdAt: now - version.created_minutes_ago * 60_000,
        script: agent.script ?? null,
        seedKey: agent.key,
      });
    }
  }
  return workspace;
}
