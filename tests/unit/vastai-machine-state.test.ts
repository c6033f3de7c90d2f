import { describe, expect, it } from 'vitest';
import { machineStatusOf, vastaiInstanceAnswer } from '@/lib/providers/vastai/machine-state';
import { capturesMissingNote, capturesPresent, readCapture } from '../support/vastai-fixtures';

describe('Vast.ai instance states as machine states', () => {
  it.each([
    [
      'being placed',
      { actual_status: null, intended_status: 'running', cur_state: 'running' },
      'provisioning',
    ],
    ['pulling its image', { actual_status: 'loading', intended_status: 'running' }, 'provisioning'],
    [
      'created, not started',
      { actual_status: 'created', intended_status: 'running' },
      'provisioning',
    ],
    [
      'running',
      { actual_status: 'running', intended_status: 'running', cur_state: 'running' },
      'running',
    ],
    ['frozen with memory kept', { actual_status: 'frozen', intended_status: 'frozen' }, 'running'],
    ['rebooting', { actual_status: 'rebooting', intended_status: 'running' }, 'running'],
    ['missing a heartbeat', { actual_status: 'unknown', intended_status: 'running' }, 'running'],
    [
      'outbid (said so)',
      { actual_status: 'stopped', intended_status: 'stopped', status_msg: 'Instance outbid' },
      'interrupted',
    ],
    [
      'paused by the host while wanted running',
      { actual_status: 'stopped', intended_status: 'running' },
      'interrupted',
    ],
    [
      'released by the host while wanted running',
      { actual_status: 'loading', intended_status: 'running', cur_state: 'stopped' },
      'interrupted',
    ],
    [
      'on a host gone offline',
      { actual_status: 'offline', intended_status: 'running' },
      'interrupted',
    ],
    [
      'stopped on purpose',
      { actual_status: 'stopped', intended_status: 'stopped', cur_state: 'stopped' },
      'terminated',
    ],
    [
      'whose container exited',
      { actual_status: 'exited', intended_status: 'running' },
      'terminated',
    ],
    [
      'destroyed',
      { actual_status: 'stopped', intended_status: 'stopped', cur_state: 'unloaded' },
      'terminated',
    ],
  ])('an instance %s is %s', (_case, instance, status) => {
    expect(machineStatusOf(instance)).toBe(status);
  });

  it('an instance Vast.ai no longer returns is terminated', () => {
    expect(machineStatusOf(vastaiInstanceAnswer.parse({ instances: null }).instances)).toBe(
      'terminated',
    );
  });

  it.skipIf(!capturesPresent).each([
    ['vast-cli_show_instance_raw_2024-11-01_5bf5e41.json', 'running'],
    ['vast-cli_show_instance_raw_2024-11-05_11ecdfa.json', 'provisioning'],
  ])(`reads the captured instance %s as %s${capturesMissingNote}`, (name, status) => {
    const answer = vastaiInstanceAnswer.parse({ instances: JSON.parse(readCapture(name)) });
    expect(machineStatusOf(answer.instances)).toBe(status);
  });
});
