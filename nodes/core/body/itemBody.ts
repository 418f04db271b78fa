import type { IDataObject } from 'n8n-workflow';

import type { ItemReader } from '../itemReader';
import { forItem } from '../errors/itemErrors';
import type { DocumentOptions } from '../item/documentOptions';
import { answerInstruction, withAnswerInstruction } from './answerInstruction';
import { documentShape, documentsAmong, withDocumentParts } from './documentParts';
import type { Document } from './documentParts';
import { fieldsForGateway } from './gatewayFormats';
import { encodeJsonBody, placeInlineImages } from './jsonBody';
import { loadImages } from './loadImages';
import { replaceFields } from './replaceFields';
import type { PreparedItem } from '../item/prepareItem';

/** An encoded body, the fields it was built with, and what the output says of them. */
export interface EncodedBody {
	body: Buffer;
	fields: IDataObject;
	notices: string[];
	/** The Base URL it was built for (the gateway decides how schemas and documents go). */
	baseUrl?: string;
	/** How many PDF documents it carries. */
	documents: number;
}

/**
 * The item's request body as ready JSON bytes: the fields routing built (../routing/) as the
 * gateway at `baseUrl` takes them, then the messages with the item's images and documents, which
 * are read only now (the item holds a slot) and encoded once, straight into the bytes in place of
 * their placeholders, and the words about the answer's form the fields need
 * (answerInstruction.ts). Both nodes build every request body here; `fields` in place of the
 * item's rebuilds it after a known refusal.
 */
export async function encodeItemBody(
	context: ItemReader,
	item: PreparedItem,
	gateway: { baseUrl?: string; fields?: IDataObject } = {},
): Promise<EncodedBody> {
	const { baseUrl } = gateway;
	const forGateway = gateway.fields
		? { fields: gateway.fields, notices: [] }
		: fieldsForGateway(item.bodyFields, baseUrl);
	const notices = [...item.answerFormat.notices, ...forGateway.notices];
	const images = await loadImages(context, item.sources, item.settings);
	const placed = placeInlineImages(images, item.partUrls);
	const documents = documentsAmong(images, item.partUrls, item.documents.urlsArePdfs);
	const { messages, fields } = forItem(context, () =>
		withDocuments(item.messages, forGateway.fields, {
			documents,
			options: item.documents,
			baseUrl,
		}),
	);
	const instructed = withAnswerInstruction(messages, item.answerFormat, fields);
	// The fields first, then the messages: see replaceFields.ts.
	const body = encodeJsonBody({ ...fields, messages: instructed }, placed);
	return { body, fields, notices, baseUrl, documents: documents.size };
}

/**
 * Pure: the messages with the item's PDFs in the form the gateway takes (documentParts.ts), and
 * the fields with OpenRouter's PDF engine where the user chose one and the request carries PDFs.
 */
function withDocuments(
	messages: IDataObject[],
	fields: IDataObject,
	item: {
		documents: Map<string, Document>;
		options: DocumentOptions;
		baseUrl?: string;
	},
): { messages: IDataObject[]; fields: IDataObject } {
	if (item.documents.size === 0) return { messages, fields };
	const shape = documentShape(item.baseUrl, item.options);
	const engine = item.options.pdfEngine;
	return {
		messages: withDocumentParts(messages, item.documents, shape),
		fields:
			shape === 'openrouter' && engine && fields.plugins === undefined
				? { ...fields, plugins: [{ id: 'file-parser', pdf: { engine } }] }
				: fields,
	};
}

/**
 * The body with other fields (a known refusal's change): only its head is written again, unless
 * the change asks other words of the messages (json_schema refused: the schema goes into the
 * system message), which rebuilds it.
 */
export async function bodyWithFields(
	context: ItemReader,
	item: PreparedItem,
	sent: EncodedBody,
	changed: IDataObject,
): Promise<Buffer> {
	if (
		answerInstruction(item.answerFormat, sent.fields) ===
		answerInstruction(item.answerFormat, changed)
	) {
		return replaceFields(sent.body, sent.fields, changed);
	}
	return (await encodeItemBody(context, item, { baseUrl: sent.baseUrl, fields: changed })).body;
}
