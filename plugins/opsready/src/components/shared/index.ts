export { AsyncContent } from './AsyncContent';
export { SeverityLabel, DeploymentStatusLabel } from './SeverityLabel';
export { formatDuration } from './formatDuration';
export { ENTITY_TAB_PATHS, useEntityTabLink } from './entityTabLink';
export { useCursorPages } from './useCursorPages';
export { PageControls } from './PageControls';
export { FilterSelect } from './FilterSelect';
export { SERVER_PAGED_TABLE } from './tableOptions';
export { ServerPagedTable } from './ServerPagedTable';
export {
  useDialogSubmit,
  DialogFailure,
  DialogSubmitActions,
} from './SubmitDialog';
export { timeAxisProps, timeLabel } from './timeAxis';
export { environmentNames } from './environmentNames';
export { LoadsHidden } from './LoadsHidden';
export { WhyNotAllowed, notAllowedReasons } from './WhyNotAllowed';
export {
  heldLabel,
  notificationDetails,
  ownersToldLead,
  undeliveredLabel,
  untilLabel,
} from './notificationWords';
export { fromDateTimeField, toDateTimeField } from './localDateTime';
export { downloadText } from './downloadText';
export { QueriesShown } from './QueriesShown';
