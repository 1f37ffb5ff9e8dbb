"""Client ▸ Prepare for supervision…: choose, preview, write a PDF or an age file."""
