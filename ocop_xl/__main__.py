from ocop_xl.cli import main

main()
