"""Identity numbers: resident ID and unified social credit code."""
