/** @vigil/api — tRPC routers, the auth context and redaction by clearance. */
export { appRouter, createCaller, type AppRouter } from './router.ts';
export type { Actor, Context, Deps, ServiceContext } from './context.ts';
export { actorFromSession, actorOf, login, SESSION_SECONDS } from './auth/sessions.service.ts';
export { hashPassword, verifyPassword } from './auth/password.ts';
export { createUser, listUsers, resetSecondFactor, updateUser } from './users/users.service.ts';
export { confirmImport, previewImport } from './imports/imports.service.ts';
export { downloadSourceFile, type SourceFileCopy } from './sources/source-files.service.ts';
export { attachmentDisposition, fileDownloadResponse } from './sources/file-response.ts';
export { trpcCodeOf } from './errors.ts';
export { createPartnerApi } from './partners/partner-api.ts';
export type { Meta } from './trpc.ts';
