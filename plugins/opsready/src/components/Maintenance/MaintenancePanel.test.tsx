import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import {
  backendError,
  checkoutservice,
  emptyApi,
  hoursFromNow,
  maintenanceWindow,
} from '../../__testUtils__/testData';
import { renderForEntity } from '../../__testUtils__/renderForEntity';
import { MaintenancePanel } from './MaintenancePanel';
import { formatTime } from './maintenanceWords';

const inShop = {
  ...checkoutservice,
  spec: { ...checkoutservice.spec, system: 'shop' },
};

const weekly = maintenanceWindow({
  id: 'w2',
  targetRef: 'system:default/shop',
  reason: 'Weekly network patching',
  environment: 'production',
  cron: '0 2 * * 6',
  timeZone: 'Europe/Berlin',
  active: false,
  nextOccurrence: { start: hoursFromNow(30), end: hoursFromNow(31) },
});

describe('MaintenancePanel', () => {
  it('lists the windows in force and coming, with when, how they repeat and what they cover', async () => {
    const api = emptyApi({
      getMaintenanceWindows: jest
        .fn()
        .mockResolvedValue({ items: [maintenanceWindow(), weekly] }),
    });
    await renderForEntity(<MaintenancePanel entity={inShop} />, {
      api,
      allowed: true,
    });
    const list = await screen.findByRole('list', {
      name: 'Maintenance windows',
    });
    const now = within(list).getByRole('listitem', {
      name: 'Maintenance window: Database upgrade',
    });
    expect(now).toHaveTextContent('In force');
    expect(now).toHaveTextContent('All environments');
    expect(now).toHaveTextContent(
      `In force until ${formatTime(maintenanceWindow().nextOccurrence!.end)}`,
    );
    const coming = within(list).getByRole('listitem', {
      name: 'Maintenance window: Weekly network patching',
    });
    expect(coming).toHaveTextContent('Upcoming');
    expect(coming).toHaveTextContent('production');
    expect(coming).toHaveTextContent('System shop');
    expect(coming).toHaveTextContent(
      'Repeats at cron 0 2 * * 6 (Europe/Berlin)',
    );
    expect(coming).toHaveTextContent(
      `Next ${formatTime(weekly.nextOccurrence!.start)}`,
    );
  });

  it('declares a window from labelled fields, repeating in a time zone, and says it did', async () => {
    const createMaintenanceWindow = jest
      .fn()
      .mockResolvedValue(maintenanceWindow({ reason: 'Failover drill' }));
    const getMaintenanceWindows = jest.fn().mockResolvedValue({ items: [] });
    await renderForEntity(<MaintenancePanel entity={inShop} />, {
      api: emptyApi({ createMaintenanceWindow, getMaintenanceWindows }),
      allowed: true,
    });
    expect(
      await screen.findByText(
        'No maintenance window is in force or coming up.',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Declare maintenance' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Declare maintenance' });
    const submit = within(dialog).getByRole('button', {
      name: 'Declare window',
    });
    // Nothing to declare without a reason.
    expect(submit).toBeDisabled();

    await userEvent.selectOptions(
      within(dialog).getByLabelText('Applies to'),
      'Its system (shop), for all its entities',
    );
    fireEvent.change(within(dialog).getByLabelText(/^Starts/), {
      target: { value: '2026-12-19T02:00' },
    });
    fireEvent.change(within(dialog).getByLabelText(/^Ends/), {
      target: { value: '2026-12-19T04:00' },
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Reason' }),
      'Failover drill',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Environment' }),
      'production',
    );
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Repeat on a schedule' }),
    );
    const zone = within(dialog).getByRole('textbox', { name: 'Time zone' });
    await userEvent.clear(zone);
    await userEvent.type(zone, 'Europe/Berlin');
    const calls = getMaintenanceWindows.mock.calls.length;
    await userEvent.click(submit);

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(createMaintenanceWindow).toHaveBeenCalledWith(
      { kind: 'system', namespace: 'default', name: 'shop' },
      {
        startsAt: DateTime.fromISO('2026-12-19T02:00').toUTC().toISO(),
        endsAt: DateTime.fromISO('2026-12-19T04:00').toUTC().toISO(),
        reason: 'Failover drill',
        environment: 'production',
        cron: '0 2 * * 6',
        timeZone: 'Europe/Berlin',
      },
    );
    expect(screen.getByRole('status')).toHaveTextContent(
      'Maintenance declared: Failover drill',
    );
    await waitFor(() =>
      expect(getMaintenanceWindows.mock.calls.length).toBeGreaterThan(calls),
    );
  });

  it("shows the backend's reason when it refuses a window, and keeps the dialog open", async () => {
    const createMaintenanceWindow = jest
      .fn()
      .mockRejectedValue(
        await backendError(
          'Invalid maintenance window: endsAt: must be after startsAt',
          400,
        ),
      );
    await renderForEntity(<MaintenancePanel entity={checkoutservice} />, {
      api: emptyApi({ createMaintenanceWindow }),
      allowed: true,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Declare maintenance' }),
    );
    const dialog = screen.getByRole('dialog');
    // Only the entity itself: it names no system.
    expect(within(dialog).queryByLabelText('Applies to')).toBeNull();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Reason' }),
      'Upgrade',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Declare window' }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Invalid maintenance window: endsAt: must be after startsAt',
    );
  });

  it('deletes a window and says so', async () => {
    const deleteMaintenanceWindow = jest.fn().mockResolvedValue(undefined);
    const getMaintenanceWindows = jest
      .fn()
      .mockResolvedValueOnce({ items: [maintenanceWindow()] })
      .mockResolvedValue({ items: [] });
    await renderForEntity(<MaintenancePanel entity={checkoutservice} />, {
      api: emptyApi({ deleteMaintenanceWindow, getMaintenanceWindows }),
      allowed: true,
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Delete maintenance window: Database upgrade',
      }),
    );
    expect(deleteMaintenanceWindow).toHaveBeenCalledWith('w1');
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Maintenance window deleted: Database upgrade',
    );
    expect(
      await screen.findByText(
        'No maintenance window is in force or coming up.',
      ),
    ).toBeInTheDocument();
  });

  it('keeps declaring and deleting from users who may not, saying why', async () => {
    await renderForEntity(<MaintenancePanel entity={inShop} />, {
      api: emptyApi({
        getMaintenanceWindows: jest.fn().mockResolvedValue({ items: [weekly] }),
      }),
      allowed: false,
    });
    const remove = await screen.findByRole('button', {
      name: 'Delete maintenance window: Weekly network patching',
    });
    expect(remove).toBeDisabled();
    expect(
      screen.getByTitle(
        'Only the owners of system:default/shop and the platform team may delete its maintenance windows.',
      ),
    ).toContainElement(remove);
    const declare = screen.getByRole('button', { name: 'Declare maintenance' });
    expect(declare).toBeDisabled();
    expect(
      screen.getByTitle(
        "Only this entity's owners and the platform team may declare its maintenance windows.",
      ),
    ).toContainElement(declare);
  });

  it("shows the backend's message when the windows cannot be read", async () => {
    await renderForEntity(<MaintenancePanel entity={checkoutservice} />, {
      api: emptyApi({
        getMaintenanceWindows: jest
          .fn()
          .mockRejectedValue(await backendError('The database is away', 503)),
      }),
    });
    expect(await screen.findAllByText(/The database is away/)).not.toHaveLength(
      0,
    );
  });
});
