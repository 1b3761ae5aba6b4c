/** This tool's version, as package.json states it (a test keeps the two equal). */
export const TOOL_VERSION = '0.1.0';
export const TOOL = `deliverycheck ${TOOL_VERSION}`;
