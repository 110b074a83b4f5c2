/**
 * `GET /field-usage?days=30` on the admin listener: the field usage of the last `days` days (30 by
 * default), this replica's latest counts written first. What `npm run schema:check -- --usage
 * <admin URL>` reads to tell a field still in use from one nobody sent.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { checkedDays, UsageReportError } from '@platform/fieldUsage/report';
import { DEFAULT_RETENTION_DAYS } from '@platform/fieldUsage/usage';
import type { FieldUsageRecorder } from './recorder';

export function fieldUsageRoute(recorder: FieldUsageRecorder | undefined) {
  return async (request: FastifyRequest<{ Querystring: { days?: string } }>, reply: FastifyReply) => {
    if (!recorder) {
      return reply.code(404).send({ error: 'Field usage is not counted here (FIELD_USAGE_STORE=off)' });
    }
    const given = request.query.days;
    let days: number;
    try {
      days = checkedDays(given === undefined ? DEFAULT_RETENTION_DAYS : Number(given));
    } catch (error) {
      if (error instanceof UsageReportError) return reply.code(400).send({ error: error.message });
      throw error;
    }
    try {
      return await reply.send(await recorder.report(days));
    } catch (error) {
      return reply
        .code(503)
        .send({ error: `The field usage store cannot be read: ${(error as Error).message}` });
    }
  };
}
