"""The shared kit: plumbing every MILAGRO service uses once, and no domain code."""
