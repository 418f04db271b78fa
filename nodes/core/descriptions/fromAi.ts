// n8n-workflow's FROM_AI_AUTO_GENERATED_MARKER, written out: n8n 1.x does not export it.
const FROM_AI_MARKER = '/*n8n-auto-generated-fromAI-override*/';

/**
 * A tool parameter's default that the agent's model fills in, in the form n8n writes itself
 * when a user clicks "let the model define this": the editor then shows "Defined automatically
 * by the model" instead of the raw expression.
 */
export function fromAiDefault(key: string, description: string): string {
	return `={{ ${FROM_AI_MARKER} $fromAI('${key}', \`${description}\`, 'string') }}`;
}
