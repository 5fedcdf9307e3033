import {
  SensitivitySchema,
  WGEID_OPTIONAL_FIELDS,
  wgeidCaveat,
  wgeidFieldsAllowed,
  type WgeidOptionalField,
} from '@vigil/domain';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session.ts';
import { useTRPC, type ApiOutputs } from '../trpc.ts';
import { downloadText } from '../ui/download.ts';
import {
  FormActions,
  FormProblem,
  issueFor,
  orNull,
  TextAreaField,
  TextField,
  useSubmitGuard,
} from '../ui/form.tsx';
import { useInlineForm } from '../ui/inline-form.ts';

type CaseFile = ApiOutputs['submissions']['wgeidCaseFile'];

const FIELDS = [
  'stepsTaken',
  'submitter.name',
  'submitter.organisation',
  'submitter.contact',
  'submitter.relationship',
  'include',
];

/**
 * The person page's case file for the UN Working Group on Enforced or Involuntary
 * Disappearances: the user says what the family did and who submits, chooses what else to add
 * (only fields they may read are offered), and gets the six elements, what is still missing,
 * and the text to download.
 */
export function WgeidCaseFilePanel({
  personId,
  status,
}: {
  personId: string;
  /** The person's derived status, as the page shows it: says whether the file fits the case. */
  status: Parameters<typeof wgeidCaveat>[0];
}) {
  const [open, setOpen] = useState(false);
  const caveat = wgeidCaveat(status);
  return (
    <section className="panel" aria-labelledby="wgeid-heading">
      <div className="panel-header">
        <h2 id="wgeid-heading">Case file for the UN Working Group</h2>
        <span className="muted small">
          The six elements the Working Group on Enforced or Involuntary Disappearances needs
        </span>
        {!open ? (
          <button
            type="button"
            className="button button-secondary button-small panel-action"
            onClick={() => setOpen(true)}
          >
            Prepare a case file
          </button>
        ) : null}
      </div>
      {caveat ? (
        <p className="notice" data-testid="wgeid-caveat">
          {caveat}
        </p>
      ) : null}
      {open ? <CaseFileForm personId={personId} onClose={() => setOpen(false)} /> : null}
    </section>
  );
}

function CaseFileForm({ personId, onClose }: { personId: string; onClose: () => void }) {
  const trpc = useTRPC();
  const session = useSession();
  // Offered only what the caller may read; the server refuses anything else anyway.
  const allowed = wgeidFieldsAllowed(
    SensitivitySchema.catch('public').parse(session.data?.clearance),
  );
  const [stepsTaken, setStepsTaken] = useState('');
  const [name, setName] = useState(session.data?.displayName ?? '');
  const [organisation, setOrganisation] = useState('');
  const [contact, setContact] = useState('');
  const [relationship, setRelationship] = useState('');
  const [confidential, setConfidential] = useState(true);
  const [include, setInclude] = useState<WgeidOptionalField[]>([]);
  const make = useMutation(trpc.submissions.wgeidCaseFile.mutationOptions());
  const send = useSubmitGuard(make);
  const inline = useInlineForm<HTMLFormElement>(onClose);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    send({
      personId,
      stepsTaken,
      submitter: {
        name,
        organisation: orNull(organisation),
        contact,
        relationship: orNull(relationship),
        confidential,
      },
      include,
    });
  }

  const toggle = (field: WgeidOptionalField, on: boolean) =>
    setInclude((current) =>
      on ? [...current, field] : current.filter((chosen) => chosen !== field),
    );
  const error = make.error;
  return (
    <>
      <form
        {...inline}
        className="form-panel form-grid"
        onSubmit={submit}
        aria-label="Prepare a case file"
        noValidate
      >
        <FormProblem error={error} fields={FIELDS} what="No case file" />
        <TextAreaField
          label="Steps taken to find the person, and their outcome"
          help="Inquiries to authorities, the ICRC or an ombudsman, complaints, habeas corpus…"
          className="span-2"
          rows={3}
          error={issueFor(error, 'stepsTaken')}
          value={stepsTaken}
          onChange={setStepsTaken}
          maxLength={5000}
        />
        <TextField
          label="Submitted by"
          error={issueFor(error, 'submitter.name')}
          value={name}
          onChange={setName}
          maxLength={200}
        />
        <TextField
          label="Organisation"
          error={issueFor(error, 'submitter.organisation')}
          value={organisation}
          onChange={setOrganisation}
          maxLength={200}
        />
        <TextField
          label="Contact for the Working Group"
          help="An address or e-mail where the Working Group can reach the submitter"
          error={issueFor(error, 'submitter.contact')}
          value={contact}
          onChange={setContact}
          maxLength={300}
        />
        <TextField
          label="Relationship to the person"
          error={issueFor(error, 'submitter.relationship')}
          value={relationship}
          onChange={setRelationship}
          maxLength={200}
        />
        <label className="checkbox span-2">
          <input
            type="checkbox"
            checked={confidential}
            onChange={(e) => setConfidential(e.target.checked)}
          />
          Ask the Working Group to keep the submitter’s identity confidential
        </label>
        <fieldset className="span-2 field-choices">
          <legend className="field-label">Also add (nothing else leaves Vigil)</legend>
          {allowed.map((field) => (
            <label key={field} className="checkbox">
              <input
                type="checkbox"
                checked={include.includes(field)}
                onChange={(e) => toggle(field, e.target.checked)}
              />
              {WGEID_OPTIONAL_FIELDS[field].label}
            </label>
          ))}
          {issueFor(error, 'include') ? (
            <span className="field-error">{issueFor(error, 'include')}</span>
          ) : null}
        </fieldset>
        <FormActions
          pending={make.isPending}
          submit="Make the case file"
          pendingLabel="Making the case file…"
          onCancel={onClose}
          cancel="Close"
        />
      </form>
      {make.data ? <CaseFileResult file={make.data} /> : null}
    </>
  );
}

function CaseFileResult({ file }: { file: CaseFile }) {
  const missing = file.elements.filter((e) => e.problem);
  return (
    <div className="case-file" aria-label="The case file">
      {file.complete ? (
        <p className="notice notice-good">All six elements are present.</p>
      ) : (
        <div className="notice" role="status">
          <strong>
            {missing.length === 1
              ? 'One element needs completing'
              : `${missing.length} elements need completing`}{' '}
            before submitting:
          </strong>
          <ul>
            {missing.map((e) => (
              <li key={e.key}>
                {e.title}: {e.problem}
              </li>
            ))}
          </ul>
        </div>
      )}
      <pre className="case-file-text">{file.text}</pre>
      <div className="form-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => downloadText('wgeid-case-file.txt', file.text, 'text/plain;charset=utf-8')}
        >
          Download as text
        </button>
      </div>
    </div>
  );
}
