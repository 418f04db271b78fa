/** The credential type both nodes use, by the name n8n knows it (VisionChatApi.credentials.ts). */
export const CREDENTIAL_TYPE = 'visionChatApi';
