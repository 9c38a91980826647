import { ANONYMOUS } from "@hub/kit";
import type { DataSource } from "typeorm";
import { createApiKey } from "./api-key.service";

const noDatabase = {} as DataSource;
const nadia = { ...ANONYMOUS, personId: "00000000-0000-4000-8000-000000000001", organizationId: "ANCT:NATIONAL", roles: ["ANCT_NATIONAL" as const] };

describe("createApiKey (checks before any SQL)", () => {
  // Names every plain object inherits: a lookup in the known scopes must not take them for one.
  it.each(["constructor", "__proto__", "toString"])("refuses the scope %s with BAD_USER_INPUT", async (scope) => {
    await expect(createApiKey(noDatabase, nadia, { name: "Programme", scopes: [scope] })).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "scopes" } });
  });
});
