import knexFactory, { Knex } from 'knex';

/** One run of a scheduled task: which replica took it and when, and when (and by whom) it was given back. */
export type TaskRun = {
  replica: string;
  start: number;
  end?: number;
  endedBy?: string;
};

/** Records, in the scheduler's own table's database, every take and release of a task run, by replica. */
const TASK_RUNS_TRIGGER = `
CREATE TABLE IF NOT EXISTS replicas_test_task_runs (
  id bigserial PRIMARY KEY,
  task_id text NOT NULL,
  replica text NOT NULL,
  ticket text NOT NULL,
  event text NOT NULL,
  at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE OR REPLACE FUNCTION replicas_test_note_task_run() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.current_run_ticket IS DISTINCT FROM OLD.current_run_ticket THEN
    INSERT INTO replicas_test_task_runs (task_id, replica, ticket, event)
    VALUES (NEW.id, current_setting('application_name'),
            COALESCE(NEW.current_run_ticket, OLD.current_run_ticket),
            CASE WHEN NEW.current_run_ticket IS NULL THEN 'end' ELSE 'start' END);
  END IF;
  RETURN NEW;
END $$;
DROP TRIGGER IF EXISTS replicas_test_task_runs ON backstage_backend_tasks__tasks;
CREATE TRIGGER replicas_test_task_runs AFTER UPDATE ON backstage_backend_tasks__tasks
  FOR EACH ROW EXECUTE FUNCTION replicas_test_note_task_run();
`;

/**
 * Connects to the mlops plugin's database (where its scheduler table is, once a replica has migrated it) and adds
 * the trigger that records each task run by the application_name of the connection that took or gave it back.
 */
export async function recordTaskRuns(pgUrl: string): Promise<Knex> {
  const db = knexFactory({
    client: 'pg',
    connection: {
      connectionString: `${pgUrl}/backstage_plugin_mlops`,
      application_name: 'replicas-test',
    },
  });
  try {
    await db.raw(TASK_RUNS_TRIGGER);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/** The runs of one task the trigger recorded, in the order they were taken. */
export async function taskRuns(db: Knex, taskId: string): Promise<TaskRun[]> {
  const rows = await db('replicas_test_task_runs')
    .where({ task_id: taskId })
    .orderBy('id')
    .select('replica', 'ticket', 'event', 'at');
  const runs = new Map<string, TaskRun>();
  for (const row of rows) {
    const at = new Date(row.at).getTime();
    if (row.event === 'start') {
      runs.set(row.ticket, { replica: row.replica, start: at });
    } else if (runs.has(row.ticket)) {
      Object.assign(runs.get(row.ticket)!, { end: at, endedBy: row.replica });
    }
  }
  return [...runs.values()];
}
