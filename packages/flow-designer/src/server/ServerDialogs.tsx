import { ConnectDialog } from './ConnectDialog.js';
import { PublishDialog } from './PublishDialog.js';
import { ConflictDialog, CreateDialog, UnsavedDialog } from './SessionDialogs.js';
import type { ServerSession } from './useServerSession.js';

/**
 * The dialog the server session asks for, if any: connect, create on the server, publish, roll
 * back, a conflict to settle, unsaved changes. The app renders it above everything and makes the
 * rest of the page inert while it is open.
 */
export function ServerDialogs({ session }: { readonly session: ServerSession }) {
  const { dialog, document, state } = session;
  const url = state.kind === 'off' ? '' : state.url;
  if (dialog === null) return null;
  switch (dialog.kind) {
    case 'connect':
      return (
        <ConnectDialog
          url={dialog.url}
          problem={dialog.problem}
          onConnect={session.connect}
          onClose={session.closeDialog}
        />
      );
    case 'create':
      return document === null ? null : (
        <CreateDialog
          flow={document.flow}
          url={url}
          onCreate={session.create}
          onOpenExisting={(id) => {
            session.closeDialog();
            void session.open(id, 'draft');
          }}
          onClose={session.closeDialog}
        />
      );
    case 'publish':
    case 'rollback':
      return document === null ? null : (
        <PublishDialog
          flow={document.flow}
          rollbackTo={dialog.kind === 'rollback' ? dialog.version : undefined}
          dirty={document.dirty}
          url={url}
          storage={session.storages.local}
          onSubmit={(metadata) =>
            dialog.kind === 'rollback'
              ? session.rollback(dialog.version.version, metadata)
              : session.publish(metadata)
          }
          onClose={session.closeDialog}
        />
      );
    case 'conflict':
      return (
        <ConflictDialog
          flowId={document?.flowId ?? ''}
          server={dialog.server}
          onChoose={(choice) => void session.resolveConflict(choice)}
          onClose={session.closeDialog}
        />
      );
    case 'unsaved':
      return (
        <UnsavedDialog
          flowName={dialog.flowName}
          onSave={session.save}
          onContinue={dialog.proceed}
          onClose={session.closeDialog}
        />
      );
  }
}
