"""A static, multilingual, versioned policy website, built by MkDocs with Material and mkdocs-static-i18n."""
