/** The files the production stack's processes read through `*_FILE` variables (docker-compose.yml). */
export const stackSecrets = {
  'jwt-secret': 'AUTH_JWT_SECRET_FILE',
  'metrics-token': 'METRICS_TOKEN_FILE',
  'chain-key': 'CHAIN_KEY_FILE',
  'key-encryption-key': 'KEY_ENCRYPTION_KEY_FILE',
} as const;
