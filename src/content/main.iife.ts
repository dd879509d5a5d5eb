// Content script: built as one self-contained file (see DESIGN.md, toolchain pitfalls).
export {};
