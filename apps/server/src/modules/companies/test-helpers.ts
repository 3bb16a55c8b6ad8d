import type { CompanyDetail } from '@kindling/contracts/companies';
import { expect } from 'vitest';
import { callAs, type TestContext, type TestUser } from '../../testing/test-app';

/** Test-only helpers shared by the company tests. */

/** Creates a company through the API and fails the test if the server refuses. */
export async function createCompanyAs(
  ctx: TestContext,
  user: TestUser,
  body: Record<string, unknown>,
): Promise<CompanyDetail> {
  const res = await callAs(ctx, user, 'POST', '/api/v1/companies', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CompanyDetail>();
}

export async function getCompanyAs(ctx: TestContext, user: TestUser, id: string): Promise<CompanyDetail> {
  const res = await callAs(ctx, user, 'GET', `/api/v1/companies/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CompanyDetail>();
}

type ErrorBody = { error: { code: string; message: string; details: { path: string; message: string }[] } };

/** The `path`s of an error answer's details. */
export const errorPaths = (res: { json: <T>() => T }) => res.json<ErrorBody>().error.details.map((d) => d.path);
export const errorOf = (res: { json: <T>() => T }) => res.json<ErrorBody>().error;
