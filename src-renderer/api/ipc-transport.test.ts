import { describe, expect, it } from 'vitest';
import { ApiError } from './api-error';
import { ipcApi, type PreloadBridge } from './ipc-transport';

const bridge = (answer: Awaited<ReturnType<PreloadBridge['call']>>): PreloadBridge & { calls: unknown[][] } => {
  const calls: unknown[][] = [];
  return {
    calls,
    call: async (name, input) => {
      calls.push([name, input]);
      return answer;
    },
    on: () => () => undefined,
  };
};

describe('Electron transport', () => {
  it('unwraps a successful envelope into the output', async () => {
    const b = bridge({ ok: true, output: { id: 'r1' } });
    await expect(ipcApi(b).call('boardrooms.create', { name: 'Board' })).resolves.toEqual({ id: 'r1' });
    expect(b.calls).toEqual([['boardrooms.create', { name: 'Board' }]]);
  });

  it('turns a refusal into an error that keeps its code and message', async () => {
    const b = bridge({ ok: false, error: { code: 'forbidden', message: 'you are an observer in "Audit"' } });
    const error = await ipcApi(b).call('agenda.remove', { meetingId: 'm', itemId: 'i' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'forbidden', message: 'you are an observer in "Audit"' });
  });
});
