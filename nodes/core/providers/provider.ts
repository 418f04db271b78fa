import type { DocumentShape } from '../item/documentOptions';

/** Documentation words in the docs' two languages. */
export interface Words {
	en: string;
	zh: string;
}

/** One column's fact of a provider, and the row's own words after it (in brackets). */
export interface Fact<Value> {
	is: Value;
	more?: Words;
}

/**
 * How an answer's schema (Fields, JSON Example, JSON Schema) goes to the provider: as
 * json_schema; as JSON Object, or in the prompt alone, with the schema in the system message;
 * not checked (json_schema until it is refused); or as the model's provider behind a proxy takes it.
 */
export type SchemaForm = 'json_schema' | 'json_object' | 'prompt' | 'not checked' | 'per model';

/** How the provider takes a PDF inside /chat/completions, that it takes none, or not checked. */
export type DocumentsForm = DocumentShape | 'none' | 'not checked';

/** Whether the provider takes OpenAI's Batch API (Vision Chat Batch), and where it differs. */
export interface BatchFacts extends Fact<'yes' | 'no' | 'not checked'> {
	/** The host names, exactly, where the facts below hold. */
	hosts?: string[];
	/** Together's own upload: `/files/upload`, purpose `batch-api`. */
	style?: 'together';
	/**
	 * Where one input file holds less than OpenAI's 200 MB and 50,000 lines, as the provider
	 * documents; its words name them as `{maxFileSizeMb}` and `{maxLinesPerFile}`.
	 */
	maxFileSizeMb?: number;
	maxLinesPerFile?: number;
}

/** One row of the provider tables (docs/providers.md): what a user copies, and what the node knows. */
export interface Provider {
	name: string;
	/** What a user sets as the credential's Base URL. */
	baseUrl: string;
	/** Where chat requests go, as the provider documents it: the node is tested against it. */
	chatUrl: string;
	/** A vision model to try: its ID, or words where there is no one ID to name. */
	model: string | Words;
	/** Host names the node knows the provider by, each with its subdomains: `schema` and `documents` hold there. */
	hosts?: string[];
	batch: BatchFacts;
	schema: Fact<SchemaForm>;
	documents: Fact<DocumentsForm>;
	notes?: Words;
}

/** The table's providers by where they run, which is how each README orders them. */
export type ProviderGroups = Record<'hosted' | 'inChina' | 'selfHosted', Provider[]>;
