export { notInList, trustedDocumentsPlugin } from "./trusted-documents.plugin";
export { PersistedQueryStore, sha256, TrustedDocuments } from "./trusted-documents";
