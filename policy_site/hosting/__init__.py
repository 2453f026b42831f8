"""What a web host needs beside the pages: headers, integrity, compressed copies, redirects."""
