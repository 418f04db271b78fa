// Kept because n8n's community-node layout has it. n8n loads nothing from here: it finds the node
// and the credential through the "n8n" section of package.json, and npm publishes only dist/.
