"""The observatory: live, privacy-safe impact indicators of the MILAGRO programme."""
