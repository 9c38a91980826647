import { ANONYMOUS } from "@hub/kit";
import type { DataSource } from "typeorm";
import type { DocumentStorage } from "../lib/document-storage";
import { attachDocument } from "./document.service";

const noDatabase = {} as DataSource;
const noStorage = {} as DocumentStorage;
const agent = { ...ANONYMOUS, personId: "00000000-0000-4000-8000-000000000001", organizationId: "COLLECTIVITE:216301135", roles: ["COLLECTIVITE_AGENT" as const] };

describe("attachDocument (checks before any storage or SQL)", () => {
  // Lower-case names every plain object inherits: a lookup in the accepted types must not take them for one.
  it.each(["constructor", "__proto__"])("refuses the content type %s with BAD_USER_INPUT", async (contentType) => {
    const attach = attachDocument(noDatabase, noStorage, agent, { projectId: "00000000-0000-4000-8000-000000000002", name: "plan.pdf", contentType, bytes: Buffer.from("%PDF-1.7"), maxBytes: 1000 });
    await expect(attach).rejects.toMatchObject({ extensions: { code: "BAD_USER_INPUT", field: "contentType" } });
  });
});
