"""Reading: inputs (files, folders, links, feeds) to articles, through reader plugins."""
