import { registry } from '@/lib/metrics/registry';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(): Promise<Response> {
  return new Response(await registry.metrics(), { headers: { 'Content-Type': registry.contentType } });
}
