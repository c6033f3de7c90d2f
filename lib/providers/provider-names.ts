/** How people call each provider; the id stays in URLs and the API. */
const names: Record<string, string> = {
  simulated: 'Simulated market',
  vastai: 'Vast.ai',
};

export const providerName = (provider: string) => names[provider] ?? provider;

export const providerNames: Readonly<Record<string, string>> = names;
