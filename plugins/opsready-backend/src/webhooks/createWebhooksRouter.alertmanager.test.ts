import request from 'supertest';
import { specCheckedServer } from '../__testUtils__/specCheckedServer';
import {
  SECRET,
  AM_TOKEN,
  fixture,
  makeApp,
  edited,
} from './__testUtils__/webhooksApp';

describe('POST /webhooks/alertmanager', () => {
  const firing = fixture('alertmanager/firing.json');
  const byJob = {
    alertmanager: { token: AM_TOKEN, entityLabel: 'job' },
  };

  function sendAlerts(
    app: Parameters<typeof request>[0],
    body: string,
    token = AM_TOKEN,
  ) {
    return request(app)
      .post('/webhooks/alertmanager')
      .set('Content-Type', 'application/json')
      .set('Authorization', `Bearer ${token}`)
      .send(body);
  }

  const resolved = edited('alertmanager/firing.json', p => {
    p.status = 'resolved';
    p.alerts[0].status = 'resolved';
    p.alerts[0].endsAt = '2022-10-04T13:47:56.014Z';
  });

  it('opens an error per firing alert, on the entity its label names', async () => {
    const { app, ingest } = makeApp(byJob);
    const res = await sendAlerts(
      // Through a proxy that fails the test on an answer the spec does not allow.
      await specCheckedServer(app),
      firing,
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual({ stored: 1, updated: 0, rejected: [] });
    expect(ingest.errorsList()).toEqual([
      {
        entityRef: 'component:default/api',
        environment: 'production',
        stage: 'runtime',
        code: 'HighValue',
        severity: 'high',
        category: 'performance',
        message: 'poc_metric above 0.5',
        occurredAt: '2022-10-04T13:32:56.014Z',
        fingerprint: '948c667b1fc76492',
        source: 'alertmanager',
        externalId: '948c667b1fc76492@2022-10-04T13:32:56.014Z',
      },
    ]);
  });

  it('resolves the same error when the alert resolves, and repeats make no second record', async () => {
    const { app, ingest } = makeApp(byJob);
    await sendAlerts(app, firing).expect(200);
    const repeat = await sendAlerts(app, firing);
    expect(repeat.body.errors).toMatchObject({ stored: 0, updated: 1 });
    expect(ingest.errors.size).toBe(1);

    const res = await sendAlerts(app, resolved);
    expect(res.status).toBe(200);
    expect(res.body.errors).toMatchObject({ stored: 0, updated: 1 });
    expect(ingest.errorsList()).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/api',
        externalId: '948c667b1fc76492@2022-10-04T13:32:56.014Z',
        occurredAt: '2022-10-04T13:32:56.014Z',
        resolvedAt: '2022-10-04T13:47:56.014Z',
      }),
    ]);
    expect(await ingest.listOpenErrors('alertmanager')).toEqual([]);
  });

  it('by default reads the backstage_entity or service label, as a name or a full ref', async () => {
    const { app, ingest } = makeApp();
    const body = edited('alertmanager/firing.json', p => {
      const second = JSON.parse(JSON.stringify(p.alerts[0]));
      p.alerts[0].labels.service = 'api';
      second.labels.backstage_entity = 'component:default/cartservice';
      second.labels.environment = 'staging';
      second.labels.severity = 'warning';
      second.labels.category = 'dependency';
      second.fingerprint = 'aaaabbbbccccdddd';
      p.alerts.push(second);
    });
    const res = await sendAlerts(app, body);
    expect(res.status).toBe(200);
    expect(
      ingest
        .errorsList()
        .map(e => [e.entityRef, e.environment, e.severity, e.category]),
    ).toEqual([
      ['component:default/api', 'production', 'high', 'performance'],
      ['component:default/cartservice', 'staging', 'medium', 'dependency'],
    ]);
  });

  it('maps severities through the configured map over the defaults', async () => {
    const { app, ingest } = makeApp({
      alertmanager: {
        token: AM_TOKEN,
        entityLabel: 'job',
        severityMap: { high: 'critical', p3: 'low' },
        defaultSeverity: 'low',
      },
    });
    const body = edited('alertmanager/firing.json', p => {
      const alert = p.alerts[0];
      p.alerts = ['high', 'P3', 'warning', 'info', 'unheard-of'].map(
        (severity, i) => ({
          ...alert,
          labels: { ...alert.labels, severity },
          fingerprint: `fp${i}`,
        }),
      );
    });
    await sendAlerts(app, body).expect(200);
    expect(ingest.errorsList().map(e => e.severity)).toEqual([
      'critical',
      'low',
      'medium',
      'low',
      'low',
    ]);
  });

  it('answers 202 with the reason when the alert names no entity, or one the catalog lacks, and keeps both', async () => {
    const { app, ingest, skips } = makeApp();
    const res = await sendAlerts(app, firing);
    expect(res.status).toBe(202);
    expect(res.body.skipped).toEqual([
      {
        item: 'alert HighValue (948c667b1fc76492)',
        reason:
          'The alert names no entity: none of label backstage_entity, label service is set (see opsready.webhooks.alertmanager.entityLabel)',
      },
    ]);

    const unknown = edited('alertmanager/firing.json', p => {
      p.alerts[0].labels.service = 'ghost';
    });
    const res2 = await sendAlerts(app, unknown);
    expect(res2.status).toBe(202);
    expect(res2.body.skipped[0].reason).toBe(
      "Unknown entity: label service names 'ghost': no entity in the catalog has component named ghost",
    );
    expect(ingest.calls).toEqual([]);
    // Both are lost events the platform team can read back.
    expect(skips.skips.map(k => [k.source, k.item])).toEqual([
      ['alertmanager', 'alert HighValue (948c667b1fc76492)'],
      ['alertmanager', expect.stringContaining('948c667b1fc76492')],
    ]);
  });

  it('records the alerts it can place and reports the others', async () => {
    const { app, ingest } = makeApp();
    const body = edited('alertmanager/firing.json', p => {
      const second = { ...p.alerts[0], fingerprint: 'ffff0000ffff0000' };
      p.alerts[0].labels = { ...p.alerts[0].labels, service: 'api' };
      second.labels = { ...second.labels, service: 'ghost' };
      p.alerts.push(second);
    });
    const res = await sendAlerts(app, body);
    expect(res.status).toBe(202);
    expect(res.body.errors).toMatchObject({ stored: 1 });
    expect(res.body.skipped).toHaveLength(1);
    expect(res.body.skipped[0].item).toBe(
      'error ffff0000ffff0000@2022-10-04T13:32:56.014Z',
    );
    expect(ingest.errorsList().map(e => e.entityRef)).toEqual([
      'component:default/api',
    ]);
  });

  it.each([
    ['a wrong token', `Bearer wrong-token`],
    ['no token', undefined],
    ['another scheme', `Basic ${AM_TOKEN}`],
  ])('answers 401 for %s', async (_, authorization) => {
    const { app, ingest } = makeApp(byJob);
    const req = request(app)
      .post('/webhooks/alertmanager')
      .set('Content-Type', 'application/json');
    if (authorization) {
      req.set('Authorization', authorization);
    }
    const res = await req.send(firing);
    expect(res.status).toBe(401);
    expect(ingest.calls).toEqual([]);
  });

  it('answers 400 naming the field, and records none of a payload with one bad alert', async () => {
    const { app, ingest } = makeApp(byJob);
    const body = edited('alertmanager/firing.json', p => {
      p.alerts.push({ ...p.alerts[0], fingerprint: undefined });
      p.alerts.push({ ...p.alerts[0], status: 'resolved' });
      p.alerts.push({ ...p.alerts[0], startsAt: 'soon' });
    });
    const res = await sendAlerts(app, body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'Invalid Alertmanager payload: alerts[1].fingerprint: is required; alerts[2].endsAt: is required when status is resolved; alerts[3].startsAt: must be an ISO 8601 date-time',
    );
    const v3 = edited('alertmanager/firing.json', p => {
      p.version = '3';
    });
    const res2 = await sendAlerts(app, v3);
    expect(res2.status).toBe(400);
    expect(res2.body.error.message).toMatch(/version: must be '4'/);
    expect(ingest.calls).toEqual([]);
  });

  it('stays closed with 404 while no token is configured', async () => {
    const { app } = makeApp({ github: { secret: SECRET } });
    const res = await sendAlerts(app, firing);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(
      /opsready\.webhooks\.alertmanager\.token/,
    );
  });
});
