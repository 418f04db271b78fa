// This file ensures n8n can find and load your nodes and credentials.
