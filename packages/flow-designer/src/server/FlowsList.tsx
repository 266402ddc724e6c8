import type { ServerClient } from './api-client.js';
import { formatDateTime } from './format.js';
import { useServerTranslator } from './i18n.js';
import { ProblemAlert } from './ProblemMessage.js';
import { useServerQuery } from './useServerQuery.js';
import type { OpenRequest } from './useServerSession.js';

/** Props of {@link FlowsList}. */
export interface FlowsListProps {
  readonly client: ServerClient;
  /** Changes when something changed on the server: the list is read again. */
  readonly revision: number;
  /** The flow of the server open in the editor, if any. */
  readonly openFlowId: string | undefined;
  readonly busy: boolean;
  readonly onOpen: (flowId: string, what: OpenRequest) => void;
}

/**
 * The flows of the server: name and id, when the draft was saved, the version in service; each
 * opens in the editor on its draft (or, for a flow never saved as a draft, its latest version).
 */
export function FlowsList({ client, revision, openFlowId, busy, onOpen }: FlowsListProps) {
  const { t, locale } = useServerTranslator();
  const flows = useServerQuery((signal) => client.listFlows(signal), `${client.url}:${revision}`);
  const list = flows.value ?? [];

  return (
    <div className="rf-server-flows">
      <div className="rf-server-toolbar">
        <button type="button" onClick={flows.reload} disabled={flows.loading}>
          {flows.loading ? t('server.loading') : t('server.refresh')}
        </button>
      </div>
      {flows.problem !== undefined && <ProblemAlert problem={flows.problem} url={client.url} />}
      {flows.value !== undefined && list.length === 0 && <p>{t('server.flows.none')}</p>}
      {list.length > 0 && (
        <table className="rf-server-table">
          <caption>{t('server.flows.caption', { count: list.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('server.flows.flow')}</th>
              <th scope="col">{t('server.flows.draft')}</th>
              <th scope="col">{t('server.flows.latest')}</th>
              <th scope="col">
                <span className="rf-server-sr">{t('server.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((flow) => {
              const name = flow.name ?? flow.id;
              const isOpen = flow.id === openFlowId;
              return (
                <tr key={flow.id} data-flow={flow.id} aria-current={isOpen ? 'true' : undefined}>
                  <th scope="row">
                    {name} <code>{flow.id}</code>
                    {isOpen && <span className="rf-server-badge">{t('server.flows.open')}</span>}
                  </th>
                  <td>
                    {flow.draft === null ? (
                      t('server.none')
                    ) : (
                      <time dateTime={flow.draft.savedAt}>{formatDateTime(flow.draft.savedAt, locale)}</time>
                    )}
                  </td>
                  <td>
                    {flow.latest === null
                      ? t('server.flows.neverPublished')
                      : t('server.flows.version', {
                          version: flow.latest.version,
                          date: formatDateTime(flow.latest.publishedAt, locale),
                        })}
                  </td>
                  <td>
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={t('server.flows.openFlow', { name })}
                      onClick={() => onOpen(flow.id, flow.draft === null ? 'latest' : 'draft')}
                    >
                      {t('server.flows.openButton')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
