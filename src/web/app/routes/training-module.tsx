import { useParams } from 'react-router';
import { EmpathyFeedback } from '../../features/empathy/lazy.js';
import { ModuleView } from '../../features/training/module-view.js';
import { RequireAuth } from '../require-auth.js';

/** A training module; its practice posts show the empathy feedback panel live while the trainee writes. */
export default function TrainingModulePage() {
  const { id = '' } = useParams();
  return <RequireAuth>{() => <ModuleView id={id} renderFeedback={(seeker, draft) => <EmpathyFeedback seeker={seeker} draft={draft} />} />}</RequireAuth>;
}
