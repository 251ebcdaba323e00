from greenkit.cli import main

main()
