import { useTranslator } from '../i18n/i18n.js';
import { Modal } from '../start/Modal.js';
import type { ImportProblem } from './import.js';
import './io.css';

export interface ImportProblemsProps {
  /** Name of the refused file. */
  readonly fileName: string;
  /** Every reason it was refused, in the designer's language. */
  readonly problems: readonly ImportProblem[];
  readonly onClose: () => void;
  /** Shows a button to pick another file. */
  readonly onChooseAnother?: () => void;
}

/**
 * Why a file was refused: a modal alert dialog that lists every problem flow-core found in it, with
 * its code, its message and where it is (line and column, and the place in the document), and says
 * that the open flow was left as it was.
 */
export function ImportProblems({ fileName, problems, onClose, onChooseAnother }: ImportProblemsProps) {
  const { t } = useTranslator();
  return (
    <Modal
      title={t('io.import.title')}
      onClose={onClose}
      role="alertdialog"
      description={t('io.import.intro', { file: fileName })}
      className="rf-import"
    >
      <table className="rf-import-problems">
        <caption>{t('io.import.count', { count: problems.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('io.import.code')}</th>
            <th scope="col">{t('io.import.message')}</th>
            <th scope="col">{t('io.import.where')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => (
            <tr key={index} data-code={problem.code}>
              <td>
                <code>{problem.code}</code>
              </td>
              <td>{problem.message}</td>
              <td>
                {problem.line === undefined
                  ? null
                  : problem.column === undefined
                    ? t('io.import.line', { line: problem.line })
                    : t('io.import.lineColumn', { line: problem.line, column: problem.column })}
                {problem.path !== undefined && (
                  <>
                    {problem.line === undefined ? null : <br />}
                    <code>{problem.path}</code>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="rf-dialog-buttons">
        {onChooseAnother !== undefined && (
          <button type="button" onClick={onChooseAnother}>
            {t('io.import.again')}
          </button>
        )}
        <button type="button" className="rf-primary" onClick={onClose} data-autofocus>
          {t('io.import.close')}
        </button>
      </div>
    </Modal>
  );
}
