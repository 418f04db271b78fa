/**
 * The core's face: what a node built on it may use. Vision Chat and Vision Chat Batch build the
 * same request for an item and read the same answer; the batch node imports from here alone
 * (test/unit/architecture.test.ts).
 */

// The parameters a user sees, shared by both nodes.
export { examplesProperty, inputModeProperty, messagesProperty } from './descriptions/conversation';
export { imageProperties } from './descriptions/images';
export { modelProperties } from './descriptions/model';
export { modelParametersProperty, priceOptions, splitChoicesOption } from './descriptions/options';
export { documentOptions, maxDocumentSizeOption } from './descriptions/documents';
export { outputProperties } from './descriptions/output';
export { promptProperties } from './descriptions/prompt';
export { responseFormatProperties } from './descriptions/responseFormat';
export { fromAiDefault } from './descriptions/fromAi';
export { searchModels } from './methods/searchModels';

// What the node knows of each provider: the docs' provider tables are generated from it.
export { PROVIDERS } from './providers';

// One item's request: read and checked through the seam, then encoded.
export type { ItemReader } from './itemReader';
export { itemReaderOf } from './itemReader';
export { prepareItem } from './item/prepareItem';
export { routedRequest } from './routing/routedFields';
export { withBodyRouting } from './routing/bodyRouting';
export { runsAsTool } from './item/imageSources';
export { encodeItemBody } from './body/itemBody';

// Failures, in the nodes' one wording.
export type { ErrorReport } from './errors/nodeErrors';
export { InputError, RequestError } from './errors/nodeErrors';
export type { AnswerProblem } from './errors/problems';
export { isMismatch } from './errors/problems';
export type { JsonSchema } from './schema/strictSchema';
export { describeRefusal } from './errors/refusals';
export { networkCause } from './errors/networkCause';
export { redact } from './errors/redact';

// Answers, as output items.
export type { OutputShape } from './answer/output';
export { completionToOutput } from './answer/output';
export { answerCost, withRequestCost } from './answer/usage';
export { asNodeError, errorItem, failedItem } from './answer/errorItems';
export { withInputFields } from './answer/items';
export { decodeBody, isBodyStream, megabytes, readBoundedBody } from './answer/boundedBody';
export { readBoundedLines } from './answer/boundedLines';
